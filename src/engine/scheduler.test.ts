import { describe, expect, it } from 'vitest';
import { Scheduler, type Yield } from './scheduler';

/**
 * `advance(ms)` must give exactly what `yield ms` gives: the same tasks, in the same order, at the
 * same virtual times. Each case runs a set of tasks twice, once with the main task yielding and once
 * with it calling advance, and compares the logs.
 */
type Spend = (s: Scheduler, ms: number) => Generator<Yield, void, void>;

const yielding: Spend = function* (_s, ms) {
  yield ms;
};
const advancing: Spend = function* (s, ms) {
  if (!s.advance(ms)) yield ms;
};

function run(spend: Spend, build: (s: Scheduler, log: string[], spend: Spend) => void, until?: number): string[] {
  const s = new Scheduler();
  const log: string[] = [];
  build(s, log, spend);
  if (until === undefined) s.runUntilSettled();
  else s.runUntil(until);
  log.push(`end@${s.now}`);
  return log;
}

function same(build: (s: Scheduler, log: string[], spend: Spend) => void, until?: number): string[] {
  const a = run(yielding, build, until);
  expect(run(advancing, build, until)).toEqual(a);
  return a;
}

describe('Scheduler.advance', () => {
  it('runs a task spawned at this instant before the advancing task goes on', () => {
    const log = same((s, log, spend) => {
      function* other(name: string): Generator<Yield, void, void> {
        log.push(`${name}@${s.now}`);
        yield 1;
        log.push(`${name}+1@${s.now}`);
      }
      function* main(): Generator<Yield, void, void> {
        log.push(`main@${s.now}`);
        s.spawn(other('b'));
        yield* spend(s, 1);
        log.push(`main+1@${s.now}`);
        s.spawn(other('c'));
        yield* spend(s, 3);
        log.push(`main+4@${s.now}`);
      }
      s.spawn(main());
    });
    // b wakes at 1 after main (main was queued first at that instant)
    expect(log).toEqual(['main@0', 'b@0', 'main+1@1', 'b+1@1', 'c@1', 'c+1@2', 'main+4@4', 'end@4']);
  });

  it('keeps signals, waits and nested advances in order', () => {
    same((s, log, spend) => {
      function* waiter(name: string): Generator<Yield, void, void> {
        yield { wait: 'go' };
        log.push(`${name} woke@${s.now}`);
        yield* spend(s, 2);
        log.push(`${name} done@${s.now}`);
      }
      function* main(): Generator<Yield, void, void> {
        s.spawn(waiter('w1'));
        s.spawn(waiter('w2'));
        yield* spend(s, 1);
        s.signal('go');
        yield* spend(s, 2);
        log.push(`main@${s.now}`);
        yield* spend(s, 1);
        log.push(`main done@${s.now}`);
      }
      s.spawn(main());
    });
  });

  it('stops at the runUntil limit', () => {
    const log = same((s, log, spend) => {
      function* main(): Generator<Yield, void, void> {
        for (let i = 0; i < 5; i++) {
          s.spawn((function* () {
            log.push(`tick ${i}@${s.now}`);
          })());
          yield* spend(s, 2);
        }
        log.push(`main done@${s.now}`);
      }
      s.spawn(main());
    }, 5);
    expect(log.at(-1)).toBe('end@5');
    expect(log).not.toContain('main done@10');
  });
});
