// Which describer prints which kind; the generic one covers the rest.
import type { ResourceStrategy } from '../../registry/strategy.ts';
import { describeConfigMap } from './configmap.ts';
import { describeDeployment } from './deployment.ts';
import { describeEndpointSlice } from './endpointslice.ts';
import { describeEndpoints } from './endpoints.ts';
import { describeGeneric } from './generic.ts';
import { describeNamespace } from './namespace.ts';
import { describeNode } from './node.ts';
import { describePod } from './pod.ts';
import { describeReplicaSet } from './replicaset.ts';
import { describeSecret } from './secret.ts';
import { describeService } from './service.ts';
import { describeServiceAccount } from './serviceaccount.ts';
import type { Describer } from './types.ts';

const DESCRIBERS: Record<string, Describer> = {
  '/Pod': describePod,
  'apps/Deployment': describeDeployment,
  'apps/ReplicaSet': describeReplicaSet,
  '/Service': describeService,
  '/Node': describeNode,
  '/Namespace': describeNamespace,
  '/ConfigMap': describeConfigMap,
  'discovery.k8s.io/EndpointSlice': describeEndpointSlice,
  '/Endpoints': describeEndpoints,
  '/Secret': describeSecret,
  '/ServiceAccount': describeServiceAccount,
};

export function describerFor(s: ResourceStrategy): Describer {
  return DESCRIBERS[`${s.group}/${s.kind}`] ?? describeGeneric;
}
