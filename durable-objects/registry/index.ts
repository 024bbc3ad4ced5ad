// The kinds this API serves: adding a kind is one file in kinds/ plus one line here.
import { Registry } from './registry.ts';
import type { ResourceStrategy } from './strategy.ts';
import namespace from './kinds/namespace.ts';
import node from './kinds/node.ts';
import pod from './kinds/pod.ts';
import service from './kinds/service.ts';
import endpoints from './kinds/endpoints.ts';
import endpointSlice from './kinds/endpointslice.ts';
import configMap from './kinds/configmap.ts';
import secret from './kinds/secret.ts';
import serviceAccount from './kinds/serviceaccount.ts';
import event from './kinds/event.ts';
import eventV1 from './kinds/event-v1.ts';
import deployment from './kinds/deployment.ts';
import replicaSet from './kinds/replicaset.ts';
import lease from './kinds/lease.ts';

export const KINDS = [
  namespace,
  node,
  pod,
  service,
  endpoints,
  configMap,
  secret,
  serviceAccount,
  event,
  deployment,
  replicaSet,
  endpointSlice,
  eventV1,
  lease,
] as unknown as ResourceStrategy[];

let shared: Registry | undefined;

/** One registry per isolate: strategies are stateless. */
export function registry(): Registry {
  return (shared ??= new Registry(KINDS));
}
