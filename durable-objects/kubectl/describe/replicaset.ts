// `kubectl describe replicaset`.
import { controllerOf, describeEvents, printAnnotations, printLabels, searchEvents, type Obj } from './common.ts';
import { describePodTemplate, formatSelector } from './containers.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

export const describeReplicaSet: Describer = async (ctx, s, namespace, name) => {
  const rs = (await ctx.client.get(s, namespace, name)) as Obj;
  const sel = formatSelector(rs.spec?.selector);
  const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
  const pods = (await ctx.client.list(podKind, namespace, { labelSelector: sel === '<none>' ? undefined : sel })).items as Obj[];
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods) {
    if (!p.metadata.ownerReferences?.some((r) => r.controller && r.uid === rs.metadata.uid)) continue;
    const phase = p.status?.phase as string;
    if (phase in counts) counts[phase]!++;
  }
  const events = await searchEvents(ctx, { name, namespace, kind: 'ReplicaSet', uid: rs.metadata.uid });
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(0, `Selector:\t${sel}\n`);
  printLabels(w, 'Labels', rs.metadata.labels);
  printAnnotations(w, 'Annotations', rs.metadata.annotations);
  const owner = controllerOf(rs);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(0, 'Pods Status:\t');
  w.write(0, `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
  describePodTemplate(w, rs.spec?.template);
  if (rs.status?.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(w, events, ctx.now());
  return w.toString();
};
