// A whole cluster in plain objects for controller tests: memory log, fake clock, seeded randomness, hand-driven engine.
import { Cluster } from '../../durable-objects/cluster.ts';
import { MemoryBackend } from '../../durable-objects/store/memory-backend.ts';
import type { Clock, Random } from '../../durable-objects/apiserver/context.ts';
import type { Controller } from '../../durable-objects/controllers/types.ts';
import type { RunStats } from '../../durable-objects/controllers/engine.ts';
import { createObject } from '../../durable-objects/apiserver/rest.ts';
import type { KubeObject } from '../../durable-objects/types.ts';
import { SessionOptionsSchema, type SessionOptions } from '../../durable-objects/session/options.ts';

export class FakeClock implements Clock {
  constructor(public t = Date.parse('2026-01-01T00:00:00Z')) {}
  now(): number {
    return this.t;
  }
}

/** Deterministic randomness (mulberry32), so names and IPs are stable across runs. */
export function seededRandom(seed = 42): Random {
  let a = seed >>> 0;
  const float = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(float() * 16).toString(16)).join('');
  return { float, uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}` };
}

export interface TestCluster {
  cluster: Cluster;
  clock: FakeClock;
  /** Runs controllers until nothing is queued and no timer is due now. */
  settle(): RunStats;
  /** Moves the fake clock forward, firing every timer on the way in order. */
  advance(ms: number): void;
  /** Creates an object as a client would (validated), without running controllers. */
  create<T extends KubeObject>(obj: T): T;
  get<T extends KubeObject>(resource: string, namespace: string, name: string): T | undefined;
  list<T extends KubeObject>(resource: string, namespace?: string): T[];
}

export interface TestClusterOptions extends Partial<SessionOptions> {
  controllers?: readonly Controller[];
  /** Skip the bootstrap objects (namespaces are still created). */
  empty?: boolean;
}

export function testCluster(o: TestClusterOptions = {}): TestCluster {
  const clock = new FakeClock();
  const options = SessionOptionsSchema.parse({ workers: o.workers ?? 2, controlPlanes: o.controlPlanes ?? 1, profile: o.profile ?? 'fast', network: o.network ?? 'overlay' });
  const cluster = new Cluster({
    backend: new MemoryBackend(),
    clock,
    random: seededRandom(),
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    config: { profile: options.profile, network: options.network },
    alarm: { request: () => {} },
    controllers: o.controllers,
  });
  if (o.empty) {
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
      createObject(cluster.env, cluster.registry.forKind('v1', 'Namespace')!, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { trusted: true });
  } else cluster.bootstrap(options);

  const settle = (): RunStats => {
    let total: RunStats = { reconciles: 0, errors: 0, next: undefined };
    for (let i = 0; i < 1000; i++) {
      const s = cluster.runControllers(1e9);
      total = { reconciles: total.reconciles + s.reconciles, errors: total.errors + s.errors, next: s.next };
      if (s.next === undefined || s.next > clock.now()) return total;
    }
    throw new Error('cluster did not settle after 1000 rounds');
  };
  const advance = (ms: number) => {
    const target = clock.now() + ms;
    settle();
    for (;;) {
      const next = cluster.engine.nextTimer();
      if (next === undefined || next > target) break;
      clock.t = Math.max(clock.t, next);
      settle();
    }
    clock.t = target;
    settle();
  };
  return {
    cluster,
    clock,
    settle,
    advance,
    create: (obj) => {
      const s = cluster.registry.forKind(obj.apiVersion, obj.kind);
      if (!s) throw new Error(`unknown kind ${obj.kind}`);
      return createObject(cluster.env, s, obj.metadata.namespace, JSON.parse(JSON.stringify(obj)), {}).object as typeof obj;
    },
    get: (resource, namespace, name) => cluster.store.get(resource, namespace, name) as never,
    list: (resource, namespace) => cluster.store.list(resource, namespace).map((e) => e.object) as never,
  };
}
