// `kubectl drain NODE`: cordon, then evict every pod on the node through pods/eviction, with kubectl's filters
// (DaemonSet pods, mirror pods, local storage, pods without a controller). kubectl then waits until each evicted pod
// is gone; the box reports the eviction as soon as the API accepted it.
import type { ParsedArgs } from '../argv.ts';
import { resourcePath } from '../client.ts';
import { flag, type Command, type Ctx } from '../context.ts';
import { ServerError } from '../errors.ts';
import { finish } from '../targets.ts';
import { cordonNodes } from './cordon.ts';

type Pod = Record<string, any>;

type Verdict = { delete: true; warning?: string } | { delete: false; error?: string; warning?: string };

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';

/** kubectl's drain filters, in order; the first that refuses decides. */
function judge(pod: Pod, p: ParsedArgs, daemonSetExists: (ns: string, name: string) => boolean): Verdict {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const ref = (pod.metadata.ownerReferences ?? []).find((r: Pod) => r.controller);
  let warning: string | undefined;
  if (ref?.kind === 'DaemonSet' && !finished) {
    if (!daemonSetExists(pod.metadata.namespace, ref.name)) {
      const msg = `daemonsets.apps "${ref.name}" not found`;
      if (!p.bool('force')) return { delete: false, error: msg };
      warning = msg;
    } else if (!p.bool('ignore-daemonsets')) return { delete: false, error: DAEMONSET_FATAL };
    else return { delete: false, warning: 'ignoring DaemonSet-managed Pods' };
  }
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return { delete: false };
  if (!finished && (pod.spec?.volumes ?? []).some((v: Pod) => v.emptyDir)) {
    if (!(p.bool('delete-emptydir-data') || p.bool('delete-local-data'))) return { delete: false, error: LOCAL_FATAL };
    warning = 'deleting Pods with local storage';
  }
  if (!finished && !ref) {
    if (!p.bool('force')) return { delete: false, error: UNMANAGED_FATAL };
    warning = 'deleting Pods that declare no controller';
  }
  return { delete: true, warning };
}

function grouped(entries: Array<[string, string]>): Array<[string, string[]]> {
  const m = new Map<string, string[]>();
  for (const [msg, pod] of entries) m.set(msg, [...(m.get(msg) ?? []), pod]);
  return [...m];
}

/** Go's aggregate error text: the message itself, or `[a, b]` for several. */
function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}

/** Evicts what the filters allow; the errors that stopped the drain, if any. */
async function drainNode(ctx: Ctx, p: ParsedArgs, node: string): Promise<string[] | undefined> {
  const podKind = ctx.registry.lookup('', 'v1', 'pods')!;
  const list = await ctx.client.list(podKind, undefined, { fieldSelector: `spec.nodeName=${node}`, labelSelector: p.str('pod-selector') });
  const pods = list.items as Pod[];
  // This API serves no DaemonSets, so a pod claiming one is treated as DaemonSet-managed.
  const verdicts = pods.map((pod) => ({ pod, v: judge(pod, p, () => true) }));
  const id = (pod: Pod) => `${pod.metadata.namespace}/${pod.metadata.name}`;
  const errors = grouped(verdicts.filter(({ v }) => !v.delete && v.error).map(({ pod, v }) => [(v as { error: string }).error, id(pod)]));
  if (errors.length) return errors.map(([msg, ids]) => `cannot delete ${msg}: ${ids.join(', ')}`);
  const warnings = grouped(verdicts.filter(({ v }) => v.warning).map(({ pod, v }) => [v.warning!, id(pod)]));
  if (warnings.length) ctx.err(`Warning: ${warnings.map(([msg, ids]) => `${msg}: ${ids.join(', ')}`).join('; ')}\n`);
  const victims = verdicts.filter(({ v }) => v.delete).map(({ pod }) => pod);
  if (p.str('dry-run') === 'client') {
    for (const pod of victims) ctx.out(`evicting pod ${id(pod)} (dry run)\n`);
    return undefined;
  }
  const failures: string[] = [];
  const evicted: Pod[] = [];
  for (const pod of victims) {
    ctx.out(`evicting pod ${id(pod)}\n`);
    const body: Record<string, unknown> = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace } };
    const grace = p.int('grace-period');
    if (grace !== undefined && grace >= 0) body.deleteOptions = { gracePeriodSeconds: grace };
    try {
      if (p.bool('disable-eviction')) await ctx.client.delete(podKind, pod.metadata.namespace, pod.metadata.name, grace !== undefined && grace >= 0 ? { gracePeriodSeconds: grace } : {});
      else await ctx.client.request('POST', resourcePath(podKind, pod.metadata.namespace, pod.metadata.name, 'eviction'), { body });
      evicted.push(pod);
    } catch (e) {
      if (!(e instanceof ServerError)) throw e;
      if (e.code === 404) continue;
      failures.push(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": ${e.status.message ?? ''}`);
    }
  }
  for (const pod of evicted) ctx.out(`pod/${pod.metadata.name} ${p.bool('disable-eviction') ? 'deleted' : 'evicted'}\n`);
  if (failures.length) {
    ctx.err(`There are pending pods in node "${node}" when an error occurred: ${aggregate(failures)}\n`);
    return failures;
  }
  return undefined;
}

export const drain: Command = {
  path: 'drain',
  flags: [
    flag.bool('ignore-daemonsets'),
    flag.bool('force'),
    flag.bool('delete-emptydir-data'),
    flag.bool('delete-local-data'),
    flag.int('grace-period'),
    flag.str('timeout'),
    flag.str('pod-selector'),
    flag.str('selector', 'l'),
    flag.bool('disable-eviction'),
    flag.str('dry-run'),
    flag.int('skip-wait-for-delete-timeout'),
    flag.int('chunk-size'),
  ],
  async run(ctx, p) {
    const errors: string[] = [];
    const nodes = await cordonNodes(ctx, p, true, errors, 'drain');
    const pending: string[] = [];
    const fatal: string[] = [];
    for (const { obj } of nodes) {
      const name = obj.metadata.name!;
      const err = await drainNode(ctx, p, name);
      if (err === undefined) {
        ctx.out(`node/${name} drained${p.str('dry-run') === 'client' ? ' (dry run)' : ''}\n`);
        continue;
      }
      ctx.err(`error: unable to drain node "${name}" due to error: ${aggregate(err)}, continuing command...\n`);
      pending.push(name);
      fatal.push(...err);
    }
    if (pending.length) ctx.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`);
    return finish(ctx, [...errors, ...fatal]);
  },
};
