// The Node side of each simulated kubelet: registers what a node created through the API lacks (the KWOK way),
// renews its Lease in kube-node-lease, posts Ready again after an outage, and reports the images it holds. Writes
// only what changed: a quiet node costs one Lease renewal per period.
import type { Node } from '../../registry/schemas/index.ts';
import type { KubeObject } from '../../types.ts';
import type { ReconcileContext, ReconcileResult } from '../types.ts';
import { microTime, rfc3339 } from '../../apiserver/context.ts';
import { clone, deepEqual } from '../../util.ts';
import { nodeDown } from './node-fault.ts';
import { capacityFor, healthyConditions, nodeInfo, preloadedImages } from './node-template.ts';
import { kubeletState, nodeState, type NodeState } from './state.ts';

export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASES = 'leases.coordination.k8s.io';
export const LEASE_DURATION_SECONDS = 40;
/** Real kubelets cap the images listed in node status. */
const MAX_IMAGES = 50;

const source = (name: string) => ({ component: 'kubelet', host: name });

function isControlPlane(node: Node): boolean {
  return 'node-role.kubernetes.io/control-plane' in (node.metadata.labels ?? {});
}

/** Fills the status fields a kubelet reports on registration; returns the startup events to record. */
function register(node: Node, status: NonNullable<Node['status']>, now: number, ns: NodeState): string[][] {
  const events: string[][] = [];
  const role = isControlPlane(node) ? 'control-plane' : 'worker';
  if (!status.images) {
    status.images = preloadedImages(role);
    for (const img of status.images) for (const n of img.names ?? []) ns.images.set(n, { names: img.names ?? [], sizeBytes: img.sizeBytes ?? 0 });
  }
  if (!status.capacity || !status.allocatable) Object.assign(status, { ...capacityFor(role), ...status });
  status.nodeInfo ??= nodeInfo(node.metadata.name ?? '') as NonNullable<Node['status']>['nodeInfo'];
  status.daemonEndpoints ??= { kubeletEndpoint: { Port: 10250 } };
  if (!status.conditions?.length) {
    status.conditions = healthyConditions(now, now) as NonNullable<Node['status']>['conditions'];
    const name = node.metadata.name;
    events.push(
      ['Starting', 'Starting kubelet.'],
      ['NodeHasSufficientMemory', `Node ${name} status is now: NodeHasSufficientMemory`],
      ['NodeHasNoDiskPressure', `Node ${name} status is now: NodeHasNoDiskPressure`],
      ['NodeHasSufficientPID', `Node ${name} status is now: NodeHasSufficientPID`],
      ['NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods'],
      ['NodeReady', `Node ${name} status is now: NodeReady`],
    );
  }
  return events;
}

/** After an outage the node controller left conditions Unknown: the kubelet posts its healthy ones again. */
function repairConditions(node: Node, status: NonNullable<Node['status']>, now: number): boolean {
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return false;
  const fresh = healthyConditions(now, now);
  const old = status.conditions ?? [];
  status.conditions = fresh.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    return prev && prev.status === c.status ? { ...c, lastTransitionTime: prev.lastTransitionTime ?? c.lastTransitionTime } : c;
  }) as NonNullable<Node['status']>['conditions'];
  for (const extra of old) if (!fresh.some((f) => f.type === extra.type)) status.conditions!.push(extra);
  void node;
  return true;
}

function imagesOf(ns: NodeState): Array<{ names: string[]; sizeBytes: number }> {
  const seen = new Set<object>();
  const list: Array<{ names: string[]; sizeBytes: number }> = [];
  for (const img of ns.images.values()) {
    if (seen.has(img)) continue;
    seen.add(img);
    list.push({ names: [...img.names], sizeBytes: img.sizeBytes });
  }
  return list.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, MAX_IMAGES);
}

function renewLease(ctx: ReconcileContext, node: Node, now: number, renewMs: number): number {
  const name = node.metadata.name ?? '';
  const s = kubeletState(ctx);
  const lease = ctx.store.get(LEASES, LEASE_NAMESPACE, name) as (KubeObject & { spec?: { renewTime?: string } }) | undefined;
  const renewed = lease?.spec?.renewTime ? Date.parse(lease.spec.renewTime) : undefined;
  if (lease && renewed !== undefined && now - renewed < renewMs && lease.spec && (lease.spec as { holderIdentity?: string }).holderIdentity === name) return renewed + renewMs;
  const spec = { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microTime(now) };
  s.writing = `lease:${name}`;
  try {
    if (!lease) {
      ctx.client.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace: LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }] },
        spec,
      });
    } else {
      const next = clone(lease);
      next.spec = { ...(next.spec ?? {}), ...spec };
      ctx.client.update(next);
    }
  } finally {
    s.writing = undefined;
  }
  return now + renewMs;
}

export function reconcileNode(name: string, ctx: ReconcileContext): ReconcileResult | void {
  const s = kubeletState(ctx);
  const node = ctx.store.get('nodes', '', name) as Node | undefined;
  if (!node) {
    s.nodes.delete(name);
    return;
  }
  if (nodeDown(node) || node.metadata.deletionTimestamp) return;
  const p = ctx.sim.profile();
  const now = ctx.clock.now();
  const ns = nodeState(s, name, node.status?.images);
  const status = clone(node.status ?? {});
  const events = register(node, status, now, ns);
  if (repairConditions(node, status, now) && !events.length) events.push(['NodeReady', `Node ${name} status is now: NodeReady`]);
  const unschedulable = !!node.spec?.unschedulable;
  if (ns.unschedulable !== undefined && ns.unschedulable !== unschedulable)
    events.push(unschedulable ? ['NodeNotSchedulable', `Node ${name} status is now: NodeNotSchedulable`] : ['NodeSchedulable', `Node ${name} status is now: NodeSchedulable`]);
  ns.unschedulable = unschedulable;
  if (ns.imagesDirty) {
    status.images = imagesOf(ns);
    ns.imagesDirty = false;
  }
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  const beat = ready?.lastHeartbeatTime ? Date.parse(ready.lastHeartbeatTime) : 0;
  if (now - beat >= p.nodeStatusReportMs) for (const c of status.conditions ?? []) c.lastHeartbeatTime = rfc3339(now);
  let written: KubeObject = node;
  if (!deepEqual(status, node.status ?? {})) {
    s.writing = `node:${name}`;
    try {
      written = ctx.client.updateStatus({ ...node, status });
    } finally {
      s.writing = undefined;
    }
  }
  for (const [reason, message] of events) ctx.events.normal(written, reason!, message!, source(name));
  const leaseDue = renewLease(ctx, node, now, p.leaseRenewMs);
  const reportDue = (status.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime ? Date.parse(status.conditions.find((c) => c.type === 'Ready')!.lastHeartbeatTime!) : now) + p.nodeStatusReportMs;
  return { requeueAfterMs: Math.max(0, Math.min(leaseDue, reportDue) - now) };
}
