// `kubectl describe serviceaccount`: its pull and mountable secrets, and token secrets naming it.
import { describeEvents, printAnnotations, printLabels, searchEvents, type Obj } from './common.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

const EMPTY = '                   ';
const HEADERS = { pull: 'Image pull secrets:', mount: 'Mountable secrets: ', token: 'Tokens:            ' };

export const describeServiceAccount: Describer = async (ctx, s, namespace, name) => {
  const sa = (await ctx.client.get(s, namespace, name)) as Obj;
  const secretKind = ctx.registry.lookup('', 'v1', 'secrets')!;
  const secrets = (await ctx.client.list(secretKind, namespace)).items as Obj[];
  const existing = new Set(secrets.map((x) => x.metadata.name));
  const tokens = secrets.filter((x) => x.type === 'kubernetes.io/service-account-token' && x.metadata.annotations?.['kubernetes.io/service-account.name'] === name);
  const events = await searchEvents(ctx, { name, namespace, kind: 'ServiceAccount', uid: sa.metadata.uid });
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${sa.metadata.namespace}\n`);
  printLabels(w, 'Labels', sa.metadata.labels);
  printAnnotations(w, 'Annotations', sa.metadata.annotations);
  const groups: Array<[string, string[], boolean]> = [
    [HEADERS.pull, (sa.imagePullSecrets ?? []).map((x: Obj) => x.name), true],
    [HEADERS.mount, (sa.secrets ?? []).map((x: Obj) => x.name), true],
    [HEADERS.token, tokens.map((x) => x.metadata.name!), false],
  ];
  groups.sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [header, names, check] of groups) {
    if (!names.length) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    names.forEach((n, i) => w.write(0, `${i ? EMPTY : header}\t${n}${check && !existing.has(n) ? ' (not found)' : ''}\n`));
  }
  describeEvents(w, events, ctx.now());
  return w.toString();
};
