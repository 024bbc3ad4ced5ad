// `kubectl describe service`, endpoints from the Service's EndpointSlices.
import { formatLabels } from '../print.ts';
import { describeEvents, printAnnotations, printLabels, searchEvents, type Obj } from './common.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

/** formatEndpointSlices: ready addresses of the named port, three at most, then `+ N more...`. */
function endpointsFor(slices: Obj[], portName: string | undefined): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (text: string, ready: boolean) => {
    if (list.length === 3) more = true;
    if (!ready) return;
    if (!more) list.push(text);
    count++;
  };
  for (const sl of slices) {
    const eps: Obj[] = sl.endpoints ?? [];
    const ready = (e: Obj) => e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready === true;
    if (!sl.ports?.length) {
      for (const e of eps) add(e.addresses?.[0] ?? '', ready(e));
      continue;
    }
    for (const p of sl.ports) {
      if (portName !== undefined && (p.name ?? '') !== portName) continue;
      for (const e of eps) {
        const addr: string = e.addresses?.[0] ?? '';
        add(`${addr.includes(':') ? `[${addr}]` : addr}:${p.port}`, ready(e));
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - 3} more...` : text;
}

function ingressText(ingress: Obj[]): string {
  return ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ');
}

export const describeService: Describer = async (ctx, s, namespace, name) => {
  const svc = (await ctx.client.get(s, namespace, name)) as Obj;
  const sliceKind = ctx.registry.lookup('discovery.k8s.io', 'v1', 'endpointslices');
  const slices = sliceKind ? ((await ctx.client.list(sliceKind, namespace, { labelSelector: `kubernetes.io/service-name=${name}` })).items as Obj[]) : [];
  const events = await searchEvents(ctx, { name, namespace, kind: 'Service', uid: svc.metadata.uid });
  const spec = svc.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  printLabels(w, 'Labels', svc.metadata.labels);
  printAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingressText(ingress)}\n`);
  for (const p of spec.ports ?? []) {
    const pname = p.name || '<unset>';
    w.write(0, `Port:\t${pname}\t${p.port}/${p.protocol ?? ''}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? 0}/${p.protocol ?? ''}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${pname}\t${p.nodePort}/${p.protocol ?? ''}\n`);
    w.write(0, `Endpoints:\t${endpointsFor(slices, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(w, events, ctx.now());
  return w.toString();
};
