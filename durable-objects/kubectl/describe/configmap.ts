// `kubectl describe configmap` (keys sorted; kubectl prints them in Go's random map order).
import { describeEvents, printAnnotations, printLabels, searchEvents, type Obj } from './common.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

export const describeConfigMap: Describer = async (ctx, s, namespace, name) => {
  const cm = (await ctx.client.get(s, namespace, name)) as Obj;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace}\n`);
  printLabels(w, 'Labels', cm.metadata.labels);
  printAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${atob(cm.binaryData[k]).length} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, await searchEvents(ctx, { name, namespace, kind: 'ConfigMap', uid: cm.metadata.uid }), ctx.now());
  return w.toString();
};
