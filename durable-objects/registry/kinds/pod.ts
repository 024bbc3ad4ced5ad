// Pod (core/v1): the smallest unit; its printer reproduces kubectl's READY / STATUS / RESTARTS logic.
import { defineKind } from '../strategy.ts';
import { PodSchema, type Pod } from '../schemas/index.ts';
import { age, ageColumn, humanDuration, nameColumn } from '../../apiserver/table.ts';
import type { FieldError } from '../../apiserver/errors.ts';
import { deepEqual } from '../../util.ts';
import { defaultPodSpec } from './pod-template.ts';

interface PodDisplay {
  ready: string;
  status: string;
  restarts: string;
}

/** What `kubectl get pods` shows: the most telling reason among init containers, containers and deletion. */
export function podDisplay(pod: Pod, now: number): PodDisplay {
  const spec = pod.spec;
  const st = pod.status ?? {};
  let reason: string = st.reason || st.phase || '';
  let restarts = 0;
  let lastRestart = 0;
  let readyContainers = 0;
  const total = spec?.containers?.length ?? 0;
  let initializing = false;
  const noteRestart = (finishedAt: string | undefined) => {
    if (finishedAt) lastRestart = Math.max(lastRestart, Date.parse(finishedAt));
  };
  const initStatuses = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    noteRestart(c.lastState?.terminated?.finishedAt);
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    const restartable = spec?.initContainers?.[i]?.restartPolicy === 'Always';
    if (restartable && c.started) continue;
    if (term) reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }
  const initializedTrue = st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initializedTrue) {
    restarts = 0;
    let hasRunning = false;
    const statuses = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      noteRestart(c.lastState?.terminated?.finishedAt);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  const restartText = lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${total}`, status: reason, restarts: restartText };
}

const immutableSpecMessage =
  'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** Pod specs are mostly immutable once created: only images, deadlines and added tolerations may change. */
function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const strip = (p: Pod) => {
    const s = JSON.parse(JSON.stringify(p.spec ?? {})) as NonNullable<Pod['spec']>;
    for (const c of s.containers ?? []) delete (c as { image?: string }).image;
    for (const c of s.initContainers ?? []) delete (c as { image?: string }).image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    delete s.terminationGracePeriodSeconds;
    return s;
  };
  const errs: FieldError[] = [];
  if (old.spec?.nodeName && pod.spec?.nodeName !== old.spec.nodeName) {
    errs.push({ type: 'FieldValueInvalid', field: 'spec.nodeName', message: `Invalid value: "${pod.spec?.nodeName ?? ''}": field is immutable` });
  }
  const a = strip(pod);
  const b = strip(old);
  delete a.nodeName;
  delete b.nodeName;
  if (!deepEqual(a, b)) errs.push({ type: 'FieldValueForbidden', field: 'spec', message: immutableSpecMessage });
  const oldTol = old.spec?.tolerations ?? [];
  const newTol = pod.spec?.tolerations ?? [];
  if (!oldTol.every((t) => newTol.some((n) => deepEqual(n, t))))
    errs.push({ type: 'FieldValueForbidden', field: 'spec.tolerations', message: 'Forbidden: existing toleration can not be modified except its tolerationSeconds' });
  return errs;
}

export default defineKind<Pod>({
  kind: 'Pod',
  resource: 'pods',
  singular: 'pod',
  group: '',
  version: 'v1',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  definition: 'io.k8s.api.core.v1.Pod',
  schema: PodSchema,
  hasStatus: true,
  subresources: [
    { name: 'binding', kind: 'Binding', verbs: ['create'] },
    { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    { name: 'log', kind: 'Pod', verbs: ['get'] },
    { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
    { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  ],
  defaults(pod) {
    defaultPodSpec(pod.spec);
  },
  prepareForCreate(pod) {
    const st: NonNullable<Pod['status']> = { phase: 'Pending' };
    const qos = qosClass(pod);
    if (qos) st.qosClass = qos;
    pod.status = st;
  },
  validateUpdate: validatePodUpdate,
  generationSource: (p) => p.spec,
  gracefulDeleteSeconds(pod, requested) {
    // Unscheduled or finished pods have nothing to stop; running ones get their grace period, as the kubelet would.
    if (!pod.spec?.nodeName) return 0;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  },
  fieldSelectors: {
    'spec.nodeName': (p) => p.spec?.nodeName ?? '',
    'spec.restartPolicy': (p) => p.spec?.restartPolicy ?? '',
    'spec.schedulerName': (p) => p.spec?.schedulerName ?? '',
    'spec.serviceAccountName': (p) => p.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (p) => String(p.spec?.hostNetwork ?? false),
    'status.phase': (p) => p.status?.phase ?? '',
    'status.podIP': (p) => p.status?.podIP ?? '',
    'status.nominatedNodeName': (p) => p.status?.nominatedNodeName ?? '',
  },
  printColumns: [
    nameColumn,
    { name: 'Ready', type: 'string', description: 'Ready containers out of all containers.', cell: (p, now) => podDisplay(p, now).ready },
    { name: 'Status', type: 'string', description: 'The most telling state of the pod and its containers.', cell: (p, now) => podDisplay(p, now).status },
    { name: 'Restarts', type: 'string', description: 'Container restarts, and how long ago the last one was.', cell: (p, now) => podDisplay(p, now).restarts },
    { ...ageColumn, cell: (p, now) => age(p.metadata.creationTimestamp, now) },
    { name: 'IP', type: 'string', priority: 1, description: 'The pod IP.', cell: (p) => p.status?.podIP || '<none>' },
    { name: 'Node', type: 'string', priority: 1, description: 'The node the pod is bound to.', cell: (p) => p.spec?.nodeName || '<none>' },
    { name: 'Nominated Node', type: 'string', priority: 1, description: 'Node the scheduler nominated after preemption.', cell: (p) => p.status?.nominatedNodeName || '<none>' },
    {
      name: 'Readiness Gates',
      type: 'string',
      priority: 1,
      description: 'Extra conditions that gate readiness.',
      cell: (p) => {
        const gates = p.spec?.readinessGates ?? [];
        if (!gates.length) return '<none>';
        const ok = gates.filter((g) => p.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
        return `${ok}/${gates.length}`;
      },
    },
  ],
});

/** Guaranteed when every container's limits equal its requests for cpu and memory, BestEffort when nothing is set. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' | undefined {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  if (!containers.length) return undefined;
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
