// Every control-plane loop of a cluster, in the order a tick runs them first: adding one is a file plus a line here.
import type { Controller } from './types.ts';
import { scheduler } from './scheduler/index.ts';
import { kubelet } from './kubelet/index.ts';
import { nodeLifecycle } from './node-lifecycle.ts';
import { podGC } from './pod-gc.ts';
import { replicaSet } from './replicaset.ts';
import { deployment } from './deployment.ts';
import { serviceAccounts } from './serviceaccount.ts';
import { garbageCollector } from './garbage-collector.ts';
import { namespaceController } from './namespace.ts';
import { endpointsController } from './endpoints.ts';
import { endpointSliceController } from './endpointslice.ts';
import { eventTTL } from './event-ttl.ts';
import { loadBalancer } from './loadbalancer.ts';
import { kubernetesService } from './kubernetes-service.ts';
import { staticPods } from './static-pods.ts';

export const CONTROLLERS: Controller[] = [
  deployment,
  replicaSet,
  scheduler,
  kubelet,
  nodeLifecycle,
  podGC,
  garbageCollector,
  namespaceController,
  serviceAccounts,
  endpointsController,
  endpointSliceController,
  loadBalancer,
  kubernetesService,
  staticPods,
  eventTTL,
];
