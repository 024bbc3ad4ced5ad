// Fault injection for lessons on self-healing: fail or recover a node, crash a container, delete a pod. Faults are data
// (a Node annotation the simulated kubelet obeys) or ordinary API actions, so kubectl shows exactly what happened.
import { z } from 'zod';
import { ApiError, errors } from './apiserver/errors.ts';
import type { Caller } from './apiserver/handler.ts';
import type { Cluster } from './cluster.ts';
import { deleteObject, readCurrent, updateObject } from './apiserver/rest.ts';
import type { Pod } from './registry/schemas/index.ts';
import { FAULT_ANNOTATION } from './controllers/kubelet/node-fault.ts';
import { crashContainer } from './controllers/kubelet/index.ts';


export const FaultSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('fail-node'), node: z.string().min(1) }).strict(),
  z.object({ action: z.literal('recover-node'), node: z.string().min(1) }).strict(),
  z.object({ action: z.literal('crash-container'), namespace: z.string().default('default'), pod: z.string().min(1), container: z.string().optional() }).strict(),
  z.object({ action: z.literal('delete-pod'), namespace: z.string().default('default'), pod: z.string().min(1) }).strict(),
]);

export type Fault = z.infer<typeof FaultSchema>;

export function parseFault(body: unknown): Fault {
  const r = FaultSchema.safeParse(body);
  if (!r.success) {
    throw new ApiError('BadRequest', `invalid fault: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}

function setNodeFault(cluster: Cluster, node: string, down: boolean, caller: Caller): string {
  const s = cluster.registry.forKind('v1', 'Node')!;
  const n = readCurrent(cluster.env, s, '', node);
  if (!n) throw errors.notFound('nodes', '', node);
  const annotations = { ...(n.metadata.annotations ?? {}) };
  if (down) annotations[FAULT_ANNOTATION] = 'NodeDown';
  else delete annotations[FAULT_ANNOTATION];
  n.metadata.annotations = annotations;
  const r = updateObject(cluster.env, s, undefined, node, n, { fieldManager: 'kube-sandbox-faults', fieldValidation: 'Ignore' });
  cluster.activity.record(caller.name, down ? 'fail-node' : 'recover-node', r.object);
  return down ? `node/${node} failed: its kubelet stopped; watch it go NotReady and its pods move` : `node/${node} recovered`;
}

export function injectFault(cluster: Cluster, fault: Fault, caller: Caller): { message: string } {
  if (!caller.canWrite) throw new ApiError('Forbidden', 'fault injection is forbidden: this is a view-only link');
  switch (fault.action) {
    case 'fail-node':
      return { message: setNodeFault(cluster, fault.node, true, caller) };
    case 'recover-node':
      return { message: setNodeFault(cluster, fault.node, false, caller) };
    case 'crash-container': {
      const pod = cluster.store.get('pods', fault.namespace, fault.pod) as Pod | undefined;
      if (!pod) throw errors.notFound('pods', '', fault.pod);
      const after = crashContainer(cluster.reconcile, pod, fault.container);
      cluster.activity.record(caller.name, 'crash-container', after);
      const name = fault.container ?? pod.spec?.containers?.[0]?.name ?? '';
      return { message: `container "${name}" in pod "${fault.pod}" crashed (exit code 137); the kubelet restarts it per restartPolicy` };
    }
    case 'delete-pod': {
      const s = cluster.registry.forKind('v1', 'Pod')!;
      const r = deleteObject(cluster.env, s, fault.namespace, fault.pod, { gracePeriodSeconds: 0 });
      cluster.activity.record(caller.name, 'delete', r.object);
      return { message: `pod "${fault.pod}" deleted` };
    }
    default: {
      const never: never = fault;
      throw new ApiError('BadRequest', `unknown fault ${JSON.stringify(never)}`);
    }
  }
}
