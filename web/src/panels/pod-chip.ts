// A pod as a chip (name, IP or status, coloured by phase) and the "+ N more" summary for pods that do not fit.
import { h, setAttr, setClass, setText } from '../lib/dom.ts';
import { podStatus, restarts, splitName, TONE_LABEL, TONE_ORDER, type Tone } from '../lib/kube.ts';
import type { ClusterState } from '../live/store.ts';
import { keyOf } from '../live/store.ts';
import type { KubeObject } from '../live/types.ts';

/** Pods already drawn once: a chip redrawn (after a scale-down frees room, or a list regrouped) does not pop in again. */
const drawn = new Set<string>();

export function podChip(state: ClusterState, p: KubeObject, label?: string): HTMLButtonElement {
  const el = h(
    'button',
    { class: 'pod', type: 'button', onclick: () => state.select({ r: 'pods', name: el.dataset.name!, namespace: el.dataset.ns }) },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'pname' }, h('span', { class: 'pre' }), h('span', { class: 'suf' })),
    h('span', { class: 'pinfo' }),
  );
  updatePodChip(state, el, p, label);
  const uid = p.metadata.uid ?? keyOf(p);
  if (drawn.has(uid)) el.dataset.seen = '';
  else drawn.add(uid);
  return el;
}

export function updatePodChip(state: ClusterState, el: HTMLElement, p: KubeObject, label?: string): void {
  const st = podStatus(p);
  const [pre, suf] = label ? ['', label] : splitName(p);
  const sys = p.metadata.namespace === 'kube-system' ? ' system' : '';
  const sel = state.selection?.r === 'pods' && state.selection.name === p.metadata.name && state.selection.namespace === p.metadata.namespace;
  setClass(el, `pod ${st.tone}${sys}${sel ? ' selected' : ''}${el.classList.contains('restarted') ? ' restarted' : ''}`);
  el.dataset.name = p.metadata.name;
  el.dataset.ns = p.metadata.namespace ?? '';
  el.dataset.phase = p.status?.phase ?? 'Pending';
  if (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) el.dataset.static = '';
  el.dataset.status = st.text;
  setAttr(el, 'data-node', p.spec?.nodeName ?? '');
  setText(el.children[1]!.children[0]!, pre);
  setText(el.children[1]!.children[1]!, suf);
  const ip = p.status?.podIP as string | undefined;
  const status = st.tone === 'notready' ? 'Not ready' : st.text;
  const info = st.tone === 'running' && ip ? ip : status;
  // Restarts show on the chip (as kubectl's RESTARTS column), and a new one makes the chip flash.
  const r = restarts(p);
  const before = Number(el.dataset.restarts ?? r);
  el.dataset.restarts = String(r);
  if (r > before) {
    el.classList.remove('restarted');
    void el.offsetWidth;
    el.classList.add('restarted');
    el.addEventListener('animationend', () => el.classList.remove('restarted'), { once: true });
  }
  setText(el.children[2]!, r ? `${info} \u21bb${r}` : info);
  const again = r ? ` · ${r} restart${r === 1 ? '' : 's'}` : '';
  setAttr(el, 'title', `${p.metadata.namespace}/${p.metadata.name}\n${status}${again}${ip ? ` · ${ip}` : ''}${p.spec?.nodeName ? ` · ${p.spec.nodeName}` : ''}`);
  setAttr(el, 'aria-label', `Pod ${p.metadata.name}: ${status}${again}${ip ? `, IP ${ip}` : ''}`);
  setAttr(el, 'aria-pressed', sel ? 'true' : 'false');
}

export const podKey = (p: KubeObject) => keyOf(p);

/** Counts by colour, in a fixed order, for summaries like "+ 950 more: 900 Running, 50 Pending". */
export function toneCounts(pods: KubeObject[]): Array<[Tone, number]> {
  const c = new Map<Tone, number>();
  for (const p of pods) {
    const t = podStatus(p).tone;
    c.set(t, (c.get(t) ?? 0) + 1);
  }
  return TONE_ORDER.filter((t) => c.has(t)).map((t) => [t, c.get(t)!]);
}

export function toneSummary(counts: Array<[Tone, number]>): HTMLElement[] {
  return counts.map(([t, n]) => h('span', { class: `tally ${t}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), `${n} ${TONE_LABEL[t]}`));
}
