// One run of a container, rebuilt from what the kubelet remembers (precise times) or, after a restart, from the
// container status: shared by the pod worker (when does it exit?) and the log endpoint (what did it print?).
import type { Container, ContainerStatus, Node, Pod } from '../../registry/schemas/index.ts';
import type { Store } from '../../store/store.ts';
import { containerEnv, fateOf, resolveArgv, runSeed, type ContainerRun, type RunFate } from './process.ts';
import type { PodMemo } from './state.ts';
import { containerStatus, specContainers, type Kind } from './status.ts';

export interface CRef {
  c: Container;
  kind: Kind;
}

export function fieldPath(ref: CRef): string {
  return `spec.${ref.kind === 'init' ? 'initContainers' : 'containers'}{${ref.c.name}}`;
}

/** ConfigMap and Secret data of the pod's namespace, for env vars. */
export function dataLookup(store: Store, ns: string) {
  return (kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined => {
    const o = store.get(kind === 'ConfigMap' ? 'configmaps' : 'secrets', ns, name) as { data?: Record<string, string>; stringData?: Record<string, string> } | undefined;
    if (!o) return undefined;
    if (kind === 'Secret') {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.data ?? {})) {
        try {
          out[k] = atob(v);
        } catch {
          out[k] = v;
        }
      }
      return { ...out, ...(o.stringData ?? {}) };
    }
    return { ...(o.data ?? {}) };
  };
}

export const ms = (t: string | undefined): number | undefined => (t ? Date.parse(t) : undefined);

/** Containers of the pod that share its network namespace and may hold ports, with their current status. */
function neighbours(pod: Pod, statusOf: (kind: Kind, name: string) => ContainerStatus | undefined, self: CRef): Array<{ ref: CRef; cs: ContainerStatus }> {
  const out: Array<{ ref: CRef; cs: ContainerStatus }> = [];
  for (const kind of ['init', 'app'] as const) {
    for (const c of specContainers(pod, kind)) {
      if (c.name === self.c.name && kind === self.kind) continue;
      const cs = statusOf(kind, c.name);
      if (cs?.state?.running) out.push({ ref: { c, kind }, cs });
    }
  }
  return out;
}

export interface RunInputs {
  store: Store;
  pod: Pod;
  node: Node | undefined;
  memo: PodMemo | undefined;
}

/**
 * The run of `ref` that started at `startMs` (containerID identifies it in memory). Ports other running containers
 * held at that moment come from memory, or are re-derived: any neighbour running since before this start holds the
 * ports its program binds.
 */
export function runOf(inp: RunInputs, ref: CRef, startMs: number, containerID: string | undefined, portsInUse?: number[]): ContainerRun {
  const { pod, node, memo } = inp;
  const env = containerEnv(pod, ref.c, dataLookup(inp.store, pod.metadata.namespace ?? 'default'));
  const vars = 'env' in env ? env.env : {};
  const remembered = containerID ? memo?.runs.get(containerID) : undefined;
  let ports = portsInUse ?? remembered?.portsInUse;
  if (!ports) {
    ports = [];
    const st = pod.status ?? {};
    for (const n of neighbours(pod, (k, name) => containerStatus(st, k, name), ref)) {
      const since = ms(n.cs.state?.running?.startedAt) ?? 0;
      if (since > startMs) continue;
      ports.push(...fateOf(runOf(inp, n.ref, since, undefined, [])).ports);
    }
  }
  return {
    image: ref.c.image ?? '',
    argv: resolveArgv(ref.c, vars),
    env: vars,
    hostname: pod.spec?.hostname ?? pod.metadata.name ?? '',
    podIP: pod.status?.podIP ?? '',
    startMs,
    seed: runSeed(pod.metadata.uid ?? '', ref.c.name, startMs),
    stdin: !!ref.c.stdin,
    portsInUse: new Set(ports),
    declaredPorts: (ref.c.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort),
    cpus: Number(node?.status?.capacity?.cpu ?? 2) || 2,
  };
}

/** Ports held right now by the pod's other running containers (what a container starting now cannot bind). */
export function portsHeldNow(inp: RunInputs, statusOf: (kind: Kind, name: string) => ContainerStatus | undefined, self: CRef): number[] {
  const out: number[] = [];
  for (const n of neighbours(inp.pod, statusOf, self)) {
    const id = n.cs.containerID;
    const since = (id ? inp.memo?.runs.get(id)?.startMs : undefined) ?? ms(n.cs.state?.running?.startedAt) ?? 0;
    out.push(...fateOf(runOf(inp, n.ref, since, id, [])).ports);
  }
  return out;
}

/** The fate of the current run of a running container. */
export function currentFate(inp: RunInputs, ref: CRef, cs: ContainerStatus): { run: ContainerRun; fate: RunFate } {
  const id = cs.containerID;
  const startMs = (id ? inp.memo?.runs.get(id)?.startMs : undefined) ?? ms(cs.state?.running?.startedAt) ?? 0;
  const run = runOf(inp, ref, startMs, id);
  return { run, fate: fateOf(run) };
}
