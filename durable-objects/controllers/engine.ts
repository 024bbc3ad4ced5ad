// The reconcile engine on the cluster's single alarm: a deduplicating work queue, timers, and backoff for failures.
import type { ChangeEvent } from '../store/types.ts';
import type { Controller, ReconcileContext } from './types.ts';
import { keyOfObject } from './types.ts';
import { TimerHeap } from './timer-heap.ts';

/** Where the engine asks to be woken: the Durable Object's alarm (or a test's fake). */
export interface AlarmPort {
  request(at: number): void;
}

const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 60_000;

export interface RunStats {
  reconciles: number;
  errors: number;
  /** When work is due next (now, if the budget ran out first); undefined when idle. */
  next: number | undefined;
}

export class Engine {
  private readonly queue = new Set<string>();
  private readonly lowQueue = new Set<string>();
  private readonly lowPriority = new Set<string>();
  private readonly timers = new TimerHeap();
  private readonly failures = new Map<string, number>();
  private readonly byName = new Map<string, Controller>();
  private readonly byResource = new Map<string, Controller[]>();
  private resynced = false;
  private running = false;

  constructor(
    readonly controllers: readonly Controller[],
    private readonly ctx: ReconcileContext,
    private readonly alarm: AlarmPort,
  ) {
    for (const c of controllers) {
      this.byName.set(c.name, c);
      if (c.lowPriority) this.lowPriority.add(c.name);
      for (const r of c.watches) {
        const list = this.byResource.get(r) ?? [];
        list.push(c);
        this.byResource.set(r, list);
      }
    }
  }

  /** Store listener: every commit enqueues the keys of the controllers that watch its resource. */
  onChange(e: ChangeEvent): void {
    const cs = this.byResource.get(e.key.resource);
    if (!cs) return;
    for (const c of cs) {
      const keys = c.keysFor ? c.keysFor(e, this.ctx) : [keyOfObject(e.object)];
      for (const k of keys) this.enqueue(c.name, k);
    }
  }

  enqueue(controller: string, key: string): void {
    this.queueFor(controller).add(`${controller}\u0000${key}`);
    if (!this.running) this.alarm.request(this.ctx.clock.now());
  }

  after(controller: string, key: string, ms: number): void {
    const id = `${controller}\u0000${key}`;
    const due = this.ctx.clock.now() + Math.max(0, ms);
    this.timers.set(id, due);
    if (!this.running) this.alarm.request(due);
  }

  private queueFor(controller: string): Set<string> {
    return this.lowPriority.has(controller) ? this.lowQueue : this.queue;
  }

  get pending(): number {
    return this.queue.size + this.lowQueue.size;
  }

  /** When the next timer is due, if any. */
  nextTimer(): number | undefined {
    return this.timers.peek();
  }

  /** After a restart nothing is queued: every controller looks at everything once. */
  resyncAll(): void {
    for (const c of this.controllers) for (const k of c.resync(this.ctx)) this.queueFor(c.name).add(`${c.name}\u0000${k}`);
    this.resynced = true;
  }

  /**
   * Reconciles until the cluster is quiet or `budgetMs` of wall time is spent, so requests and watch streams get
   * their turn between slices. Returns when to run next.
   */
  run(budgetMs = 50, wallClock: () => number = () => performance.now()): RunStats {
    if (!this.resynced) this.resyncAll();
    const started = wallClock();
    const stats: RunStats = { reconciles: 0, errors: 0, next: undefined };
    this.running = true;
    try {
      this.promoteDueTimers();
      for (;;) {
        let q = this.queue;
        let item = q.values().next();
        if (item.done && this.promoteDueTimers() > 0) continue;
        if (item.done) {
          q = this.lowQueue;
          item = q.values().next();
          if (item.done) break;
        }
        q.delete(item.value);
        this.runOne(item.value, stats);
        if (wallClock() - started > budgetMs) break;
      }
    } finally {
      this.running = false;
    }
    stats.next = this.pending ? this.ctx.clock.now() : this.nextTimer();
    return stats;
  }

  private promoteDueTimers(): number {
    const due = this.timers.takeDue(this.ctx.clock.now());
    for (const id of due) this.queueFor(id.slice(0, id.indexOf('\u0000'))).add(id);
    return due.length;
  }

  private runOne(id: string, stats: RunStats): void {
    const sep = id.indexOf('\u0000');
    const c = this.byName.get(id.slice(0, sep));
    if (!c) return;
    const key = id.slice(sep + 1);
    stats.reconciles++;
    try {
      const r = c.reconcile(key, this.ctx);
      this.failures.delete(id);
      if (r?.requeueAfterMs !== undefined) this.after(c.name, key, r.requeueAfterMs);
    } catch (e) {
      stats.errors++;
      const n = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, n);
      const delay = Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS);
      console.error(`controller ${c.name} failed on ${key} (attempt ${n}, retry in ${delay}ms):`, e instanceof Error ? e.message : e);
      this.after(c.name, key, delay);
    }
  }
}
