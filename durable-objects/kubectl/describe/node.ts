// `kubectl describe node`: conditions, capacity, the node's lease, its non-terminated pods and what they request.
import { findNodeRoles } from './roles.ts';
import { ServerError } from '../errors.ts';
import { since } from '../print.ts';
import { cmp, describeEvents, printAnnotations, printLabels, printTaints, rfc1123z, searchEvents, type Obj } from './common.ts';
import { podRequestsAndLimits, Quantity, type ResourceList } from './quantity.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

function pct(part: Quantity, whole: Quantity, milli: boolean): number {
  const w = milli ? whole.milli() : whole.value();
  if (!w) return 0;
  return Math.trunc(((milli ? part.milli() : part.value()) / w) * 100);
}

function describeResources(w: PrefixWriter, pods: Obj[], node: Obj, now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const allocQ = (k: string) => Quantity.parse(alloc[k]);
  const zero = Quantity.zero();
  const totalReq: ResourceList = {};
  const totalLim: ResourceList = {};
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod as Parameters<typeof podRequestsAndLimits>[0]);
    const r = (l: ResourceList, k: string) => l[k] ?? zero;
    const cell = (q: Quantity, k: string, milli: boolean) => `${q.toString()} (${pct(q, allocQ(k), milli)}%)`;
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(r(requests, 'cpu'), 'cpu', true)}\t${cell(r(limits, 'cpu'), 'cpu', true)}\t${cell(r(requests, 'memory'), 'memory', false)}\t${cell(r(limits, 'memory'), 'memory', false)}\t${since(pod.metadata.creationTimestamp, now)}\n`,
    );
    for (const [k, q] of Object.entries(requests)) totalReq[k] = totalReq[k] ? totalReq[k]!.add(q) : q;
    for (const [k, q] of Object.entries(limits)) totalLim[k] = totalLim[k] ? totalLim[k]!.add(q) : q;
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const [k, milli] of [
    ['cpu', true],
    ['memory', false],
    ['ephemeral-storage', false],
  ] as const) {
    const req = totalReq[k] ?? zero;
    const lim = totalLim[k] ?? zero;
    w.write(1, `${k}\t${req.toString()} (${pct(req, allocQ(k), milli)}%)\t${lim.toString()} (${pct(lim, allocQ(k), milli)}%)\n`);
  }
  const names = Object.keys(alloc);
  const huge = names.filter((n) => n.startsWith('hugepages-')).sort();
  const ext = names.filter((n) => !n.startsWith('hugepages-') && !STANDARD.has(n) && n !== 'pods').sort();
  for (const h of huge) {
    const req = totalReq[h] ?? zero;
    const lim = totalLim[h] ?? zero;
    w.write(1, `${h}\t${req.toString()} (${pct(req, allocQ(h), false)}%)\t${lim.toString()} (${pct(lim, allocQ(h), false)}%)\n`);
  }
  for (const e of ext) w.write(1, `${e}\t${(totalReq[e] ?? zero).toString()}\t${(totalLim[e] ?? zero).toString()}\n`);
}

export const describeNode: Describer = async (ctx, s, _namespace, name) => {
  const node = (await ctx.client.get(s, undefined, name)) as Obj;
  const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
  const pods = (await ctx.client.list(podKind, undefined, { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` })).items as Obj[];
  const events = [
    ...(await searchEvents(ctx, { name, kind: 'Node', uid: node.metadata.uid })),
    ...(await searchEvents(ctx, { name, kind: 'Node', uid: name })),
  ];
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${node.metadata.name}\n`);
  const roles = findNodeRoles(node);
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', node.metadata.labels);
  printAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaints(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${!!spec.unschedulable}\n`);
  const leaseKind = ctx.registry.lookup('coordination.k8s.io', 'v1', 'leases');
  try {
    const lease = leaseKind ? ((await ctx.client.get(leaseKind, 'kube-node-lease', name)) as Obj) : undefined;
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } catch (e) {
    if (!(e instanceof ServerError)) throw e;
    w.write(0, `Lease:\tFailed to get lease: ${e.status.message ?? ''}\n`);
  }
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions)
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', st.capacity],
    ['Allocatable', st.allocatable],
  ] as const) {
    const keys = Object.keys(list ?? {}).sort(cmp);
    if (!keys.length) continue;
    w.write(0, `${title}:\n`);
    for (const k of keys) w.write(0, `  ${k}:\t${Quantity.parse(list[k]).toString()}\n`);
  }
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  describeResources(w, pods, node, ctx.now());
  describeEvents(w, events, ctx.now());
  return w.toString();
};
