// Binding a pod to a node, shared by the pods/binding endpoint and the in-process scheduler.
import { ApiError, errors } from './errors.ts';
import type { ApiContext } from './context.ts';
import { rfc3339 } from './context.ts';
import { readCurrent, updateObject } from './rest.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import type { KubeObject } from '../types.ts';

export function bindPod(ctx: ApiContext, pods: ResourceStrategy, namespace: string, name: string, node: string): KubeObject {
  const pod = readCurrent(ctx, pods, namespace, name);
  if (!pod) throw errors.notFound('pods', '', name);
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  if (spec.nodeName) throw errors.conflict('pods', '', name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  if (pod.metadata.deletionTimestamp) throw new ApiError('Conflict', `pod ${name} is being deleted, cannot be assigned to a host`);
  spec.nodeName = node;
  pod.spec = spec;
  const status = (pod.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(ctx.clock.now()) });
  status.conditions = conditions;
  pod.status = status;
  return updateObject(ctx, pods, namespace, name, pod, { trusted: true, subresource: 'binding' }).object;
}
