// What the scheduler needs to know about one pod, computed once per pod version: its requests (as NodeResourcesFit
// adds them up), host ports, affinity terms and owner. Existing pods and the pod being scheduled share this shape.
import type { Container, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../registry/schemas/index.ts';
import { fromLabelSelectorSpec, matchesLabels, type LabelSelector, type LabelSelectorSpec } from '../../apiserver/selectors.ts';
import { amount, isScheduledResource } from './quantity.ts';

/** Resource name -> amount (cpu in millicores). */
export type Resources = Map<string, number>;

/** What a container without requests counts as when scoring (upstream's non-zero defaults). */
export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface AffinityTerm {
  /** Absent labelSelector: the term selects no pod. */
  selector: LabelSelector | undefined;
  namespaces: ReadonlySet<string>;
  /** Namespaces chosen by label; `{}` is every namespace. */
  namespaceSelector: LabelSelector | undefined;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PodInfo {
  key: string;
  uid: string;
  name: string;
  namespace: string;
  labels: Readonly<Record<string, string>>;
  pod: Pod;
  nodeName: string;
  priority: number;
  /** Being deleted: still holds its resources, but no longer counts for spreading. */
  terminating: boolean;
  requests: Resources;
  /** cpu and memory with the non-zero defaults, for scoring. */
  nonZeroCPU: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  hasAffinity: boolean;
  controllerUid: string | undefined;
  images: string[];
}

type Vec = Map<string, number>;

function addInto(a: Vec, b: Vec): void {
  for (const [k, v] of b) a.set(k, (a.get(k) ?? 0) + v);
}

function maxInto(a: Vec, b: Vec): void {
  for (const [k, v] of b) if (v > (a.get(k) ?? 0)) a.set(k, v);
}

/** A container's requests; a limit without a request counts as the request, as apiserver defaulting makes it. */
function containerRequests(c: Container): Vec {
  const out: Vec = new Map();
  const req = (c.resources?.requests ?? {}) as Record<string, string | number>;
  const lim = (c.resources?.limits ?? {}) as Record<string, string | number>;
  for (const k of new Set([...Object.keys(req), ...Object.keys(lim)])) {
    if (isScheduledResource(k)) out.set(k, amount(k, req[k] ?? lim[k]));
  }
  return out;
}

function withNonZeroDefaults(c: Container): Vec {
  const v = containerRequests(c);
  const has = (k: string) => c.resources?.requests?.[k] !== undefined || c.resources?.limits?.[k] !== undefined;
  if (!has('cpu')) v.set('cpu', DEFAULT_MILLI_CPU);
  if (!has('memory')) v.set('memory', DEFAULT_MEMORY);
  return v;
}

/**
 * The pod's effective request: app containers (and sidecars, which keep running) add up; each plain init container
 * runs alone next to the sidecars started before it, so the pod needs the larger of the two; overhead comes on top.
 */
export function podRequests(pod: Pod, perContainer: (c: Container) => Vec = containerRequests): Resources {
  const spec = pod.spec;
  const reqs: Vec = new Map();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) addInto(reqs, perContainer(c));
  const sidecars: Vec = new Map();
  const init: Vec = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = perContainer(c);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, own);
      addInto(sidecars, own);
      maxInto(init, sidecars);
    } else {
      const alone = new Map(own);
      addInto(alone, sidecars);
      maxInto(init, alone);
    }
  }
  maxInto(reqs, init);
  const podLevel = (spec.resources?.requests ?? {}) as Record<string, string | number>;
  for (const k of ['cpu', 'memory']) if (podLevel[k] !== undefined) reqs.set(k, amount(k, podLevel[k]));
  const overhead = (spec.overhead ?? {}) as Record<string, string | number>;
  for (const [k, q] of Object.entries(overhead)) if (isScheduledResource(k)) reqs.set(k, (reqs.get(k) ?? 0) + amount(k, q));
  for (const [k, v] of reqs) if (v === 0) reqs.delete(k);
  return reqs;
}

function hostPorts(pod: Pod): HostPort[] {
  const spec = pod.spec;
  if (!spec) return [];
  const out: HostPort[] = [];
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      // With hostNetwork the container port is the host port (apiserver defaults hostPort to it).
      const port = p.hostPort ?? (spec.hostNetwork ? p.containerPort : 0);
      if (!port || port <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port });
    }
  }
  return out;
}

function safeSelector(spec: LabelSelectorSpec | undefined | null): LabelSelector | undefined {
  try {
    return fromLabelSelectorSpec(spec ?? undefined);
  } catch {
    return undefined;
  }
}

/** The term as the scheduler evaluates it: matchLabelKeys/mismatchLabelKeys folded into the selector. */
export function affinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  let selector = safeSelector(t.labelSelector as LabelSelectorSpec | undefined);
  const labels = pod.metadata.labels ?? {};
  if (selector) {
    for (const k of t.matchLabelKeys ?? []) if (k in labels) selector = [...selector, { key: k, op: 'In', values: [labels[k]!] }];
    for (const k of t.mismatchLabelKeys ?? []) if (k in labels) selector = [...selector, { key: k, op: 'NotIn', values: [labels[k]!] }];
  }
  const namespaces = new Set(t.namespaces ?? []);
  const namespaceSelector = safeSelector(t.namespaceSelector as LabelSelectorSpec | undefined);
  if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(pod.metadata.namespace ?? 'default');
  return { selector, namespaces, namespaceSelector, topologyKey: t.topologyKey };
}

function weighted(pod: Pod, terms: WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
}

/** Whether `term` selects `target`; namespace labels are looked up only when the term has a namespaceSelector. */
export function termMatches(term: AffinityTerm, target: { namespace: string; labels: Readonly<Record<string, string>> }, nsLabels: (ns: string) => Record<string, string> | undefined): boolean {
  if (!term.selector) return false;
  if (!term.namespaces.has(target.namespace) && !(term.namespaceSelector && matchesLabels(term.namespaceSelector, nsLabels(target.namespace) ?? {}))) return false;
  return matchesLabels(term.selector, target.labels);
}

export function podInfo(pod: Pod): PodInfo {
  const spec = pod.spec;
  const aff = spec?.affinity;
  const requiredAffinity = (aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t));
  const requiredAntiAffinity = (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => affinityTerm(pod, t));
  const preferredAffinity = weighted(pod, aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  const preferredAntiAffinity = weighted(pod, aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  const nonZero = podRequests(pod, withNonZeroDefaults);
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  return {
    key: `${namespace}/${name}`,
    uid: pod.metadata.uid ?? '',
    name,
    namespace,
    labels: pod.metadata.labels ?? {},
    pod,
    nodeName: spec?.nodeName ?? '',
    priority: spec?.priority ?? 0,
    terminating: !!pod.metadata.deletionTimestamp,
    requests: podRequests(pod),
    nonZeroCPU: nonZero.get('cpu') ?? 0,
    nonZeroMemory: nonZero.get('memory') ?? 0,
    hostPorts: hostPorts(pod),
    requiredAffinity,
    requiredAntiAffinity,
    preferredAffinity,
    preferredAntiAffinity,
    hasAffinity: requiredAffinity.length + requiredAntiAffinity.length + preferredAffinity.length + preferredAntiAffinity.length > 0,
    controllerUid: pod.metadata.ownerReferences?.find((r) => r.controller)?.uid,
    images: [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.image ?? '').filter(Boolean),
  };
}
