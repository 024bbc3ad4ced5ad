// `kubectl describe endpoints`.
import { describeEvents, printAnnotations, printLabels, searchEvents, type Obj } from './common.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

export const describeEndpoints: Describer = async (ctx, s, namespace, name) => {
  const ep = (await ctx.client.get(s, namespace, name)) as Obj;
  const events = await searchEvents(ctx, { name, namespace, kind: 'Endpoints', uid: ep.metadata.uid });
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace}\n`);
  printLabels(w, 'Labels', ep.metadata.labels);
  printAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const subset of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(subset.addresses ?? []).map((a: Obj) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a: Obj) => a.ip).join(',') || '<none>'}\n`);
    if (subset.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of subset.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, events, ctx.now());
  return w.toString();
};
