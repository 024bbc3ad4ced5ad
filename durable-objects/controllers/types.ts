// The controller contract (controller-runtime's shape): level-based reconcile of one key, woken by store changes.
import type { ApiContext, Clock, ClusterConfig, Random } from '../apiserver/context.ts';
import type { Store } from '../store/store.ts';
import type { ChangeEvent } from '../store/types.ts';
import type { ObjectClient } from './client.ts';
import type { EventRecorder } from './events.ts';
import type { Simulation } from './simulation.ts';
import type { Indexer } from './indexer.ts';

export interface ReconcileContext {
  store: Store;
  client: ObjectClient;
  api: ApiContext;
  clock: Clock;
  random: Random;
  config: ClusterConfig;
  events: EventRecorder;
  /** Pods by node, dependents by owner uid, objects by uid. */
  index: Indexer;
  /** State of the simulated machines (failed nodes, injected crashes) that no API object holds. */
  sim: Simulation;
}

export interface ReconcileResult {
  /** Look at this key again after this long (a container that finishes starting, a backoff that ends). */
  requeueAfterMs?: number;
}

export interface Controller {
  name: string;
  /** Store resources whose changes wake this controller. */
  watches: readonly string[];
  /**
   * Runs only when no other work is queued: aggregating controllers (endpoints) then compute once per wave of pod
   * changes instead of once per change.
   */
  lowPriority?: boolean;
  /** Keys to reconcile for a change; by default the changed object's own `namespace/name`. */
  keysFor?(e: ChangeEvent, ctx: ReconcileContext): string[];
  /** Every key worth a look after a restart (level-based: looking twice changes nothing). */
  resync(ctx: ReconcileContext): string[];
  /** Reads current state, writes the difference. NotFound returns quietly; a throw is retried with backoff. */
  reconcile(key: string, ctx: ReconcileContext): ReconcileResult | void;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

export function keyOfObject(o: { metadata: { namespace?: string; name?: string } }): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}
