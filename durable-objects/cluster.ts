// One sandbox cluster as plain objects: store, kinds, API, watch hub and control plane, wired together.
// The Durable Object class only feeds it requests and alarms; tests build it on a memory log and a fake clock.
import { Store } from './store/store.ts';
import type { LogBackend } from './store/types.ts';
import { registry } from './registry/index.ts';
import type { Registry } from './registry/registry.ts';
import type { AdmissionPlugin, Clock, ClusterConfig, Random } from './apiserver/context.ts';
import { WatchHub } from './apiserver/watch-hub.ts';
import { handleApi, type ApiEnv, type Caller } from './apiserver/handler.ts';
import type { Timers } from './apiserver/watch-http.ts';
import { ADMISSION } from './apiserver/admission/index.ts';
import { applyManifests, type ApplyResponse } from './apiserver/apply-manifests.ts';
import { bootstrap } from './bootstrap.ts';
import type { SessionOptions } from './session/options.ts';
import type { KubeObject } from './types.ts';
import { Activity, type ActivityEntry, type ActivityLog } from './activity.ts';
import { Engine, type AlarmPort, type RunStats } from './controllers/engine.ts';
import { CONTROLLERS } from './controllers/index.ts';
import type { Controller, ReconcileContext } from './controllers/types.ts';
import { ObjectClient } from './controllers/client.ts';
import { EventRecorder } from './controllers/events.ts';
import { simulation } from './controllers/simulation.ts';
import { podLogs } from './controllers/kubelet/logs.ts';
import { startExec } from './controllers/kubelet/exec.ts';
import type { Pod } from './registry/schemas/index.ts';
import { Indexer } from './controllers/indexer.ts';
import { LiveHub } from './live/hub.ts';

export interface ClusterDeps {
  backend: LogBackend;
  clock: Clock;
  random: Random;
  timers: Timers;
  config: ClusterConfig;
  /** Where the engine asks to be woken (the Durable Object's alarm). */
  alarm: AlarmPort;
  /** Durable activity feed (absent: memory only). */
  activityLog?: ActivityLog;
  /** Defaults to every controller; tests may run a subset. */
  controllers?: readonly Controller[];
  historyLimit?: number;
}

export class Cluster {
  readonly store: Store;
  readonly registry: Registry;
  readonly hub: WatchHub;
  readonly env: ApiEnv;
  readonly activity: Activity;
  readonly engine: Engine;
  readonly live: LiveHub;
  readonly reconcile: ReconcileContext;

  constructor(readonly deps: ClusterDeps) {
    this.store = new Store(deps.backend, { historyLimit: deps.historyLimit });
    this.registry = registry();
    this.hub = new WatchHub(this.store);
    this.activity = new Activity(deps.clock, deps.activityLog);
    this.live = new LiveHub(this.store, this.activity);
    const admission: AdmissionPlugin[] = ADMISSION;
    this.env = {
      config: { ...deps.config },
      store: this.store,
      registry: this.registry,
      clock: deps.clock,
      random: deps.random,
      admission,
      hub: this.hub,
      timers: deps.timers,
      onWrite: (e) => this.activity.record(e.caller.name, e.verb, e.object),
      podLogs: (pod, opts) => podLogs(this.reconcile, pod, opts, deps.timers),
      podExec: (pod, opts, sink) => startExec(this.reconcile, pod as Pod, opts, sink),
    };
    const client = new ObjectClient(this.env);
    this.reconcile = {
      store: this.store,
      client,
      api: this.env,
      clock: deps.clock,
      random: deps.random,
      config: this.env.config,
      events: new EventRecorder(this.store, client, deps.clock),
      index: new Indexer(this.store),
      sim: simulation(this.env.config),
    };
    this.engine = new Engine(deps.controllers ?? CONTROLLERS, this.reconcile, deps.alarm);
    this.store.subscribe((e) => this.engine.onChange(e));
  }

  /** One slice of control-plane work (an alarm): reconcile until quiet or out of budget. */
  runControllers(budgetMs = 50): RunStats {
    return this.engine.run(budgetMs);
  }

  /** Creates what a fresh cluster has: namespaces, nodes, system pods and the kubernetes Service. */
  bootstrap(options: SessionOptions): void {
    bootstrap(this.env, options);
  }

  api(req: Request, path: string, caller: Caller): Promise<Response> {
    return handleApi(this.env, req, path, caller);
  }

  apply(text: string, caller: Caller, contentType: string | null, dryRun = false): ApplyResponse {
    return applyManifests(this.env, text, contentType, caller, dryRun);
  }

  recentActivity(): ActivityEntry[] {
    return this.activity.recent();
  }

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.store.get(resource, namespace, name);
  }
}
