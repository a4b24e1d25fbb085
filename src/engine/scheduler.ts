/**
 * Virtual time. Everything the engine simulates runs as a task: a generator that yields either a
 * delay in virtual milliseconds or a signal name to wait for. Tasks run in time order; ties run in
 * the order they were scheduled, so a run is fully deterministic.
 */
export type Wait = { wait: string };
export type Yield = number | Wait;
export type Task = Generator<Yield, void, void>;

interface Entry {
  t: number;
  order: number;
  task: Task;
  /** The task's `context` while it is not running. */
  context: unknown;
}

/** A task waiting for a signal, with its context. */
interface Waiter {
  task: Task;
  context: unknown;
}

export class Scheduler {
  now = 0;
  private heap: Entry[] = [];
  private order = 0;
  private waiters = new Map<string, Waiter[]>();
  /** How many task steps have run: a guard against runaway simulations. */
  steps = 0;
  readonly maxSteps: number;

  constructor(maxSteps = 50_000_000) {
    this.maxSteps = maxSteps;
  }

  /**
   * What the running task carries with it (the inspector's run in progress, inspect.ts): saved when the task yields
   * and given back when it resumes, so each task sees its own. A new task starts with none.
   */
  context: unknown = undefined;
  /**
   * Whether tasks carry a context at all (set when someone inspects): without it the clock's hottest paths (`step`,
   * `advance`) save and restore nothing, which the bench measured at about 3% of a run.
   */
  carriesContext = false;

  /** Starts a task now (it runs after everything already due at this instant). */
  spawn(task: Task, delay = 0): void {
    this.push({ t: this.now + delay, order: this.order++, task, context: undefined });
  }

  /** Wakes every task waiting on `signal`; they run at the current instant, in the order they waited. */
  signal(signal: string): void {
    const tasks = this.waiters.get(signal);
    if (!tasks) return;
    this.waiters.delete(signal);
    for (const w of tasks) this.push({ t: this.now, order: this.order++, task: w.task, context: w.context });
  }

  /** True when no task is due: every live task is waiting for a signal (or there is none). */
  get settled(): boolean {
    return this.heap.length === 0;
  }

  /** Time of the next due task, or undefined when settled. */
  get nextTime(): number | undefined {
    return this.heap[0]?.t;
  }

  /**
   * Lets the running task spend `ms` of virtual time without yielding. Tasks due before then run
   * first, right here, exactly as if the running task had yielded `ms` and been queued (it would get
   * the next `order`, so it reserves that; tasks spawned meanwhile come after it at its instant).
   * Returns false when the task must yield instead: it may not run past `runUntil`'s limit, nor reach
   * the instant at which a task suspended in an outer `advance` resumes. Callers: `if (!s.advance(ms)) yield ms;`
   */
  advance(ms: number): boolean {
    const t = this.now + ms;
    if (this.limit !== undefined && t > this.limit) return false;
    if (t >= this.resumeAt) return false;
    if (this.heap.length > 0 && t >= this.heap[0].t) this.runDueBefore(t, this.order++);
    this.now = t;
    return true;
  }

  /** Runs the tasks due before a task queued at (t, order) would run, while that task waits on the stack. */
  private runDueBefore(t: number, order: number): void {
    const outer = this.resumeAt;
    const context = this.context;
    const carries = this.carriesContext;
    this.resumeAt = t;
    try {
      const h = this.heap;
      while (h.length > 0 && (h[0].t < t || (h[0].t === t && h[0].order < order))) this.step();
    } finally {
      this.resumeAt = outer;
      if (carries) this.context = context;
    }
  }

  /**
   * While `advance` runs the tasks due before the task that called it: the instant that task resumes.
   * The tasks running meanwhile must not reach it (it was queued first, so it runs first at that instant).
   */
  private resumeAt = Infinity;

  /** Runs every task due at or before `t`, then sets the clock to `t`. */
  runUntil(t: number): void {
    this.limit = t;
    try {
      while (this.heap.length > 0 && this.heap[0].t <= t) this.step();
    } finally {
      this.limit = undefined;
      this.context = undefined;
    }
    if (t > this.now) this.now = t;
  }

  /** Runs until no task is due. */
  runUntilSettled(): void {
    try {
      while (this.heap.length > 0) this.step();
    } finally {
      this.context = undefined;
    }
  }

  private step(): void {
    const entry = this.pop();
    this.now = entry.t;
    const task = entry.task;
    if (this.carriesContext) this.context = entry.context;
    for (;;) {
      if (++this.steps > this.maxSteps) throw new Error(`simulation exceeded ${this.maxSteps} steps`);
      const r = task.next();
      if (r.done) return;
      const y = r.value;
      if (typeof y !== 'number') {
        const list = this.waiters.get(y.wait);
        const waiter: Waiter = { task, context: this.context };
        if (list) list.push(waiter);
        else this.waiters.set(y.wait, [waiter]);
        return;
      }
      const t = this.now + y;
      // Fast path: nothing else is due before this task's next step, so run it on without the heap.
      // (A tie goes to the entry already queued, or to the task waiting in `advance`: they were scheduled first.)
      if ((this.heap.length === 0 || t < this.heap[0].t) && (this.limit === undefined || t <= this.limit) && t < this.resumeAt) {
        this.now = t;
        continue;
      }
      this.push({ t, order: this.order++, task, context: this.context });
      return;
    }
  }

  /** While running until a time, tasks must not run past it. */
  private limit: number | undefined = undefined;

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p], e)) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = e;
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && less(h[r], h[l]) ? r : l;
        if (less(last, h[c])) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function less(a: Entry, b: Entry): boolean {
  return a.t < b.t || (a.t === b.t && a.order < b.order);
}

/** A first-come first-served lock held across virtual time (the PnP manager's single worker thread). */
export class FifoLock {
  private held = false;
  private queue: number[] = [];
  private next = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly name: string,
  ) {}

  /** Takes the lock if it is free and no one is queued; false when the caller must `acquire` (and wait). */
  tryAcquire(): boolean {
    if (this.held || this.queue.length > 0) return false;
    this.held = true;
    return true;
  }

  *acquire(): Generator<Yield, void, void> {
    if (this.tryAcquire()) return;
    const ticket = this.next++;
    this.queue.push(ticket);
    while (this.held || this.queue[0] !== ticket) yield { wait: `${this.name}:${ticket}` };
    this.queue.shift();
    this.held = true;
  }

  release(): void {
    this.held = false;
    if (this.queue.length > 0) this.scheduler.signal(`${this.name}:${this.queue[0]}`);
  }
}
