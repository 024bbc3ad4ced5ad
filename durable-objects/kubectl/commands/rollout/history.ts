// `kubectl rollout history`: the revisions of a Deployment's ReplicaSets with their change-cause, or one revision's
// pod template (printed without alignment, as kubectl does).
import { flag, type Command } from '../../context.ts';
import { fail } from '../../errors.ts';
import { describePodTemplate } from '../../describe/containers.ts';
import { plainWriter } from '../../describe/writer.ts';
import { describeWriter } from '../../print.ts';
import { kindPrefix } from '../../resources.ts';
import { finish } from '../../targets.ts';
import { CHANGE_CAUSE, replicaSetsOf, revisionOf, type Obj } from '../../workloads.ts';
import { deploymentsFor, ROLLOUT_FLAGS } from './common.ts';

export const rolloutHistory: Command = {
  path: 'rollout history',
  flags: [...ROLLOUT_FLAGS, flag.int('revision')],
  async run(ctx, p) {
    const revision = p.int('revision') ?? 0;
    const { found, errors } = await deploymentsFor(ctx, p, 'rollout history');
    for (const { s, obj } of found) {
      const { newRS, oldRSs } = await replicaSetsOf(ctx, obj);
      const history = new Map<number, Obj>();
      for (const rs of [...oldRSs, ...(newRS ? [newRS] : [])]) {
        const tpl = JSON.parse(JSON.stringify(rs.spec?.template ?? {})) as Obj;
        const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
        tpl.metadata ??= {};
        tpl.metadata.annotations ??= {};
        if (cause) tpl.metadata.annotations[CHANGE_CAUSE] = cause;
        history.set(revisionOf(rs), tpl);
      }
      let text: string;
      if (!history.size) text = 'No rollout history found.';
      else if (revision > 0) {
        const tpl = history.get(revision);
        if (!tpl) throw fail('unable to find the specified revision');
        const w = plainWriter();
        describePodTemplate(w, tpl);
        text = w.toString();
      } else {
        const w = describeWriter();
        w.write('REVISION\tCHANGE-CAUSE\n');
        for (const r of [...history.keys()].sort((a, b) => a - b)) w.write(`${r}\t${history.get(r)!.metadata?.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
        text = w.toString();
      }
      ctx.out(`${kindPrefix(s)}/${obj.metadata.name} ${revision > 0 ? `with revision #${revision}` : ''}\n${text}\n`);
    }
    return finish(ctx, errors);
  },
};
