// One-click faults (fail or recover a node, crash a container, delete a pod), so a class can watch the cluster heal.
// Nodes carry their own Fail/Recover buttons and the inspector a pod's; this is the cluster toolbar's part.
import { h } from '../lib/dom.ts';
import { ApiFailure, type Api, type Fault } from '../lib/api.ts';
import { podStatus } from '../lib/kube.ts';
import type { ClusterState } from '../live/store.ts';
import type { KubeObject } from '../live/types.ts';

export interface Faults {
  run(f: Fault): Promise<void>;
}

export function faults(toolbar: HTMLElement, state: ClusterState, api: Api, toast: (msg: string, bad?: boolean) => void): Faults {
  const run = async (f: Fault) => {
    const what = `${f.action.replace('-', ' ')} ${'node' in f ? f.node : f.pod}`;
    try {
      const r = await api.fault(f);
      toast(r.message || `${what}: done`);
    } catch (e) {
      const missing = e instanceof ApiFailure && e.status === 404 && /could not find|no such sandbox endpoint/.test(e.message);
      toast(missing ? 'This server cannot inject faults yet (POST /faults answered 404).' : `${what}: ${(e as Error).message}`, true);
    }
  };
  /** The selected pod, or else a running pod of the default namespace (the one a lesson is about). */
  const target = (): KubeObject | undefined => {
    const s = state.selection;
    if (s?.r === 'pods') return state.get('pods', s.name, s.namespace);
    const candidates = state.list('pods').filter((p) => p.metadata.namespace === 'default' && !p.metadata.deletionTimestamp);
    const running = candidates.filter((p) => podStatus(p).tone === 'running');
    const pool = running.length ? running : candidates;
    return pool[Math.floor(Math.random() * pool.length)];
  };
  const onPod = (action: 'delete-pod' | 'crash-container') => () => {
    const p = target();
    if (!p) return toast('No pod to pick in the default namespace: apply a Deployment first.', true);
    void run({ action, namespace: p.metadata.namespace ?? 'default', pod: p.metadata.name });
  };
  toolbar.append(h('div', { id: 'faults', class: 'faults', role: 'group', 'aria-label': 'Break something (then watch the controllers heal it)' },
    h('span', { class: 'faults-label', 'aria-hidden': 'true' }, 'Break:'),
    h('button', { type: 'button', class: 'fault', title: 'Deletes the selected pod, or a running pod of the default namespace', onclick: onPod('delete-pod') }, 'Delete a pod'),
    h('button', { type: 'button', class: 'fault', title: 'Crashes a container of the selected pod, or of a running pod of the default namespace', onclick: onPod('crash-container') }, 'Crash a container')));
  return { run };
}
