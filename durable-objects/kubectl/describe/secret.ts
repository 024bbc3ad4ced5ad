// `kubectl describe secret`: sizes, never values (except a service account token, as kubectl shows it).
import { printAnnotations, printLabels, type Obj } from './common.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

function byteLength(b64: string): number {
  try {
    return atob(b64).length;
  } catch {
    return 0;
  }
}

export const describeSecret: Describer = async (ctx, s, namespace, name) => {
  const secret = (await ctx.client.get(s, namespace, name)) as Obj;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${secret.metadata.name}\n`);
  w.write(0, `Namespace:\t${secret.metadata.namespace}\n`);
  printLabels(w, 'Labels', secret.metadata.labels);
  printAnnotations(w, 'Annotations', secret.metadata.annotations);
  w.write(0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  // kubectl walks a Go map here (random order); sorted keys keep the output stable.
  for (const k of Object.keys(secret.data ?? {}).sort()) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${atob(secret.data[k])}\n`);
    else w.write(0, `${k}:\t${byteLength(secret.data[k])} bytes\n`);
  }
  return w.toString();
};
