// `kubectl describe endpointslice`.
import { describeEvents, printAnnotations, printLabels, searchEvents, type Obj } from './common.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

const unset = (v: unknown) => (v === undefined || v === null ? '<unset>' : String(v));

export const describeEndpointSlice: Describer = async (ctx, s, namespace, name) => {
  const eps = (await ctx.client.get(s, namespace, name)) as Obj;
  const events = await searchEvents(ctx, { name, namespace, kind: 'EndpointSlice', uid: eps.metadata.uid });
  const w = new PrefixWriter();
  w.write(0, `Name:\t${eps.metadata.name}\n`);
  w.write(0, `Namespace:\t${eps.metadata.namespace}\n`);
  printLabels(w, 'Labels', eps.metadata.labels);
  printAnnotations(w, 'Annotations', eps.metadata.annotations);
  w.write(0, `AddressType:\t${eps.addressType ?? ''}\n`);
  if (!eps.ports?.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of eps.ports) w.write(1, `${p.name || '<unset>'}\t${unset(p.port)}\t${p.protocol ?? ''}\n`);
  }
  if (!eps.endpoints?.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of eps.endpoints) {
      w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${unset(e.conditions?.ready)}\n`);
      w.write(2, `Hostname:\t${unset(e.hostname)}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(2, `NodeName:\t${unset(e.nodeName)}\n`);
      w.write(2, `Zone:\t${unset(e.zone)}\n`);
    }
  }
  describeEvents(w, events, ctx.now());
  return w.toString();
};
