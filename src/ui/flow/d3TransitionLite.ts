/**
 * Stands in for d3-transition in the app's build (vite.config.ts, `resolve.alias`): the part of it that React Flow's
 * viewport code uses, ≈ 0.5 KB instead of ≈ 4.5 KB gzip (d3-transition with d3-timer and d3-ease) on every page's
 * start path.
 *
 * React Flow animates the viewport (the lab's camera, Fit: `setViewport(…, { duration })`; a double click on the
 * chart zooms in) through d3-zoom, which asks of a transition only this: `selection.transition()` on the chart's
 * pane, `duration`, `ease`, `on('start' | 'end' | 'interrupt' [+ '.name'], listener)`, `tween(name, factory)`,
 * `call`, `selection()`, and `interrupt(node)` / `selection.interrupt()` when a gesture (wheel, drag, touch) takes
 * over. Each node has at most one transition: a newer one interrupts it when it starts, as in d3. Timing follows
 * d3-transition: a transition starts on the next animation frame after it is made, its tweens get `ease(elapsed /
 * duration)` each frame, and exactly 1 on the last. Anything else d3-transition offers (attr, style, text, named
 * transitions, delay, chaining) is not here: asking for it fails loudly (a TypeError), and every e2e test fails on a
 * page error. src/ui/flow/d3TransitionLite.test.ts checks it against d3-zoom.
 */
import { selection as selectionPrototype, type Selection } from 'd3-selection';

type Listener = (this: Element, datum: unknown, index: number, group: Element[]) => void;
type Tween = (t: number) => void;
type TweenFactory = (this: Element, datum: unknown, index: number, group: Element[]) => Tween | null | undefined;

/** d3's default easing (cubic in-out). */
const cubicInOut = (t: number) => ((t *= 2) <= 1 ? t * t * t : (t -= 2) * t * t + 2) / 2;

/** Each node's transitions, scheduled or running (at most one runs). */
const onNode = new WeakMap<Element, Set<LiteTransition>>();
let made = 0;

class LiteTransition {
  private ms = 250;
  private easing = cubicInOut;
  private readonly listeners = new Map<string, Map<string, Listener>>();
  private readonly factories = new Map<string, TweenFactory>();
  private tweens: Tween[] = [];
  private frame = 0;
  private started = false;
  /** the order transitions were made in: one made later pre-empts this one */
  private readonly id = ++made;

  constructor(
    private readonly sel: Selection<Element, unknown, null, undefined>,
    private readonly node: Element,
  ) {
    let all = onNode.get(node);
    if (!all) onNode.set(node, (all = new Set()));
    all.add(this);
    this.frame = requestAnimationFrame((now) => this.start(now));
  }

  duration(ms: number): this {
    this.ms = Math.max(0, +ms);
    return this;
  }

  ease(fn: (t: number) => number): this {
    this.easing = fn;
    return this;
  }

  /** `on('start.zoom', f)`, `on('interrupt.zoom end.zoom', f)`, `on('end', f)`: a listener per type and name. */
  on(typenames: string, listener: Listener | null): this {
    for (const typename of typenames.trim().split(/\s+/)) {
      const dot = typename.indexOf('.');
      const type = dot < 0 ? typename : typename.slice(0, dot);
      const name = dot < 0 ? '' : typename.slice(dot + 1);
      if (type !== 'start' && type !== 'end' && type !== 'interrupt') throw new TypeError(`d3TransitionLite: no "${type}" event`);
      let byName = this.listeners.get(type);
      if (!byName) this.listeners.set(type, (byName = new Map()));
      if (listener) byName.set(name, listener);
      else byName.delete(name);
    }
    return this;
  }

  tween(name: string, factory: TweenFactory | null): this {
    if (factory) this.factories.set(name, factory);
    else this.factories.delete(name);
    return this;
  }

  call<A extends unknown[]>(fn: (t: this, ...args: A) => void, ...args: A): this {
    fn(this, ...args);
    return this;
  }

  selection(): Selection<Element, unknown, null, undefined> {
    return this.sel;
  }

  private emit(type: string): void {
    for (const listener of this.listeners.get(type)?.values() ?? []) listener.call(this.node, (this.node as { __data__?: unknown }).__data__, 0, [this.node]);
  }

  private start(now: number): void {
    // as in d3 (one name): starting interrupts the node's running transition and cancels those made before this one
    for (const other of [...(onNode.get(this.node) ?? [])]) if (other !== this && (other.started || other.id < this.id)) other.interrupt();
    this.started = true;
    this.emit('start');
    const datum = (this.node as { __data__?: unknown }).__data__;
    this.tweens = [...this.factories.values()].map((f) => f.call(this.node, datum, 0, [this.node])).filter((t): t is Tween => typeof t === 'function');
    this.step(now, now);
  }

  private step(begin: number, now: number): void {
    const done = this.ms === 0 || now - begin >= this.ms;
    const t = done ? 1 : this.easing((now - begin) / this.ms);
    for (const tween of this.tweens) tween(t);
    if (done) {
      onNode.get(this.node)?.delete(this);
      this.emit('end');
      return;
    }
    this.frame = requestAnimationFrame((next) => this.step(begin, next));
  }

  /** Stops it where it is (or before it starts): an 'interrupt' event if it had started, nothing more. */
  interrupt(): void {
    cancelAnimationFrame(this.frame);
    onNode.get(this.node)?.delete(this);
    if (this.started) this.emit('interrupt');
  }
}

/** Interrupts the node's transitions, running or scheduled (d3-transition's `interrupt(node)`). */
export function interrupt(node: Element): void {
  for (const t of [...(onNode.get(node) ?? [])]) t.interrupt();
}

function transition(this: Selection<Element, unknown, null, undefined>): LiteTransition {
  const node = this.node();
  if (!node) throw new TypeError('d3TransitionLite: a transition needs a node');
  return new LiteTransition(this, node);
}

function interruptSelection(this: Selection<Element, unknown, null, undefined>): Selection<Element, unknown, null, undefined> {
  return this.each(function () {
    interrupt(this);
  });
}

Object.assign(selectionPrototype.prototype, { transition, interrupt: interruptSelection });
