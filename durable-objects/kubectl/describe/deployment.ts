// `kubectl describe deployment`.
import { replicaSetsOf } from '../workloads.ts';
import { describeEvents, printAnnotations, printLabels, rfc1123z, searchEvents, type Obj } from './common.ts';
import { describePodTemplate, formatSelector } from './containers.ts';
import type { Describer } from './types.ts';
import { PrefixWriter } from './writer.ts';

function replicaSetsLine(list: Obj[]): string {
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
}

export const describeDeployment: Describer = async (ctx, s, namespace, name) => {
  const d = (await ctx.client.get(s, namespace, name)) as Obj;
  const events = await searchEvents(ctx, { name, namespace, kind: 'Deployment', uid: d.metadata.uid });
  const { newRS, oldRSs } = await replicaSetsOf(ctx, d);
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', d.metadata.labels);
  printAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`);
  describePodTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  if (oldRSs.length || newRS) {
    w.write(0, `OldReplicaSets:\t${replicaSetsLine(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetsLine(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, events, ctx.now());
  return w.toString();
};
