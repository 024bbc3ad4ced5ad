// Sections several describers share: labels, annotations, taints and tolerations, events, and the controller line.
import type { KubeObject } from '../../types.ts';
import type { Ctx } from '../context.ts';
import { rfc1123z, since } from '../print.ts';
import type { PrefixWriter } from './writer.ts';

/** `deployment.kubernetes.io/...` and friends are shown; only the last-applied blob is hidden. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

export type Obj = KubeObject & Record<string, any>;

export function printLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, `${initialIndent}${innerIndent}`);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

export function printAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (!keys.length) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

export function taintString(t: Taint): string {
  return `${t.key ?? ''}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

export function printTaints(w: PrefixWriter, title: string, taints: Taint[] | undefined | null): void {
  w.write(0, `${title}:\t`);
  if (!taints?.length) return w.line('<none>');
  const sorted = [...taints].sort((a, b) => cmp(`${a.effect ?? ''},${a.key ?? ''}`, `${b.effect ?? ''},${b.key ?? ''}`));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${taintString(t)}\n`);
  });
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

export function printTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined | null, initialIndent = ''): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!tolerations?.length) return w.line('<none>');
  const sorted = [...tolerations].sort((a, b) => cmp(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `ReplicaSet/nginx-7c5ddbdf54` for the controller owner reference, or empty. */
export function controllerOf(o: KubeObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** "True"/"False" as describe prints booleans. */
export function printBool(v: unknown): string {
  return v ? 'True' : 'False';
}

export { rfc1123z };

interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  source?: { component?: string } | null;
  reportingComponent?: string;
}

/** Events about an object, found the way kubectl's searchEvents does (involvedObject field selector). */
export async function searchEvents(ctx: Ctx, ref: { name: string; namespace?: string; kind?: string; uid?: string }): Promise<EventLike[]> {
  const s = ctx.registry.lookup('', 'v1', 'events')!;
  const sel: Record<string, string> = { 'involvedObject.name': ref.name, 'involvedObject.namespace': ref.namespace ?? '' };
  if (ref.kind) sel['involvedObject.kind'] = ref.kind;
  if (ref.uid) sel['involvedObject.uid'] = ref.uid;
  const fieldSelector = Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
  const list = await ctx.client.list(s, ref.namespace || undefined, { fieldSelector });
  return list.items as unknown as EventLike[];
}

/** The Events table at the end of most descriptions. */
export function describeEvents(w: PrefixWriter, events: EventLike[] | undefined, now: number): void {
  if (!events) return;
  if (!events.length) return w.write(0, 'Events:\t<none>\n');
  w.flush();
  const key = (e: EventLike) => {
    const t = Date.parse(e.lastTimestamp ?? '');
    return Number.isNaN(t) ? -Infinity : t;
  };
  const sorted = [...events].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
