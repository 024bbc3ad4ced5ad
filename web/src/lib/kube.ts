// What kubectl would say about an object, reduced to what the page colours and prints.
import type { KubeObject } from '../live/types.ts';

export type Tone = 'running' | 'pending' | 'failed' | 'succeeded' | 'terminating' | 'unknown' | 'notready';

/** kubectl's STATUS column for a pod, and the colour that goes with it. */
export function podStatus(p: KubeObject): { text: string; tone: Tone; ready: boolean } {
  const st = p.status ?? {};
  const phase: string = st.phase ?? 'Pending';
  const cs: any[] = st.containerStatuses ?? [];
  // The pod's Ready condition when there is one: the node lifecycle controller turns it False on a lost node while the
  // containers' own flags still say ready, and kubectl's READY column follows the containers, the page the pod.
  const cond = (st.conditions ?? []).find((c: any) => c.type === 'Ready');
  const ready = cs.length > 0 && cs.every((c) => c.ready) && (!cond || cond.status === 'True');
  if (p.metadata.deletionTimestamp) return { text: st.reason === 'NodeLost' ? 'Unknown' : 'Terminating', tone: 'terminating', ready };
  for (const c of cs) {
    const why = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (why && why !== 'Completed' && phase !== 'Succeeded') {
      const bad = /BackOff|Err|Error|OOM|Invalid|Failed/.test(why);
      return { text: why, tone: bad ? 'failed' : 'pending', ready };
    }
  }
  if (st.reason && phase !== 'Running') return { text: st.reason, tone: phase === 'Failed' ? 'failed' : 'unknown', ready };
  switch (phase) {
    case 'Running':
      return ready || !cs.length ? { text: 'Running', tone: 'running', ready } : { text: 'Running', tone: 'notready', ready };
    case 'Succeeded':
      return { text: 'Completed', tone: 'succeeded', ready };
    case 'Failed':
      return { text: 'Failed', tone: 'failed', ready };
    case 'Pending':
      return { text: p.spec?.nodeName ? 'ContainerCreating' : 'Pending', tone: 'pending', ready };
    default:
      return { text: phase, tone: 'unknown', ready };
  }
}

export function restarts(p: KubeObject): number {
  return (p.status?.containerStatuses ?? []).reduce((n: number, c: any) => n + (c.restartCount ?? 0), 0);
}

/** kubectl's STATUS: Ready, or NotReady whether the kubelet said so (False) or went silent (Unknown). */
export function nodeReady(n: KubeObject): 'Ready' | 'NotReady' {
  const c = (n.status?.conditions ?? []).find((x: any) => x.type === 'Ready');
  return c?.status === 'True' ? 'Ready' : 'NotReady';
}

export const isControlPlane = (n: KubeObject): boolean => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;

export function internalIP(n: KubeObject): string {
  return (n.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '';
}

/** "3m", "12s", "2h": the AGE column. */
export function age(ts: string | undefined, now = Date.now()): string {
  if (!ts) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** The name split where a generated suffix starts, so the unique part stays visible when space runs out. */
export function splitName(o: KubeObject): [string, string] {
  const n = o.metadata.name;
  const hash = o.metadata.labels?.['pod-template-hash'];
  const at = hash ? n.indexOf(`-${hash}-`) : -1;
  if (at > 0) return [n.slice(0, at + 1), n.slice(at + 1)];
  const g = o.metadata.generateName;
  if (g && n.startsWith(g) && n.length > g.length) return [g, n.slice(g.length)];
  const i = n.lastIndexOf('-');
  return i > 0 ? [n.slice(0, i + 1), n.slice(i + 1)] : ['', n];
}

export function controllerOf(o: KubeObject): { kind: string; name: string; uid: string } | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}

export const TONE_ORDER: Tone[] = ['running', 'notready', 'pending', 'failed', 'terminating', 'succeeded', 'unknown'];
export const TONE_LABEL: Record<Tone, string> = {
  running: 'Running',
  notready: 'Not ready',
  pending: 'Pending',
  failed: 'Failed',
  terminating: 'Terminating',
  succeeded: 'Completed',
  unknown: 'Unknown',
};
