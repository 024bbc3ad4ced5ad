// The cluster as boxes: the control plane's nodes with their components, the workers with their pods (IPs inside
// each node's pod CIDR), and the pods still waiting for the scheduler. Busy nodes show N chips and a summary.
import { h, keyed, setAttr, setClass, setText } from '../lib/dom.ts';
import { internalIP, isControlPlane, nodeReady } from '../lib/kube.ts';
import type { Panel } from '../live/frame.ts';
import type { ClusterState } from '../live/store.ts';
import type { KubeObject } from '../live/types.ts';
import { podChip, podKey, toneCounts, toneSummary, updatePodChip } from './pod-chip.ts';

/** Chips per node before the rest is summarised (fewer when many nodes compete for the screen); an expanded node
 * shows up to SHOW_ALL. */
const MAX_CHIPS = 8;
const MIN_CHIPS = 3;
const SHOW_ALL = 400;
const DOTS = 600;

/** Control-plane pods by their component, without the "kube-" every one of them repeats. */
const component = (p: KubeObject) => (p.metadata.labels?.component ?? p.metadata.name).replace(/^kube-/, '');
/** Only the static control-plane pods are named by component; anything else there (coredns after a drain) is a pod. */
const cpLabel = (p: KubeObject) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? component(p) : undefined);

/** One square per pod that has no chip, reusing the squares already there (a busy cluster redraws these often). */
function drawDots(box: Element, tones: string[]): void {
  const have = box.children;
  for (let i = 0; i < tones.length; i++) {
    const el = have[i] ?? box.appendChild(document.createElement('i'));
    if (el.className !== tones[i]) el.className = tones[i]!;
  }
  while (have.length > tones.length) box.lastElementChild!.remove();
}

export interface NodeActions {
  canEdit(): boolean;
  fail(node: string): void;
  recover(node: string): void;
}

interface Box {
  el: HTMLElement;
  chips: Map<string, HTMLButtonElement>;
}

export function nodesPanel(root: HTMLElement, state: ClusterState, actions: NodeActions): Panel {
  const expanded = new Set<string>();
  let chips = MAX_CHIPS;
  const cpList = h('div', { class: 'node-row cp-nodes' });
  const workerList = h('div', { class: 'node-row workers' });
  const trayChips = h('div', { class: 'pods' });
  const trayMore = h('div', { class: 'more' });
  const trayTitle = h('h3', null, 'Waiting for the scheduler');
  const tray = h('section', { class: 'tray', hidden: true, 'aria-label': 'Pods waiting for a node' }, trayTitle, trayChips, trayMore);
  const cpCache = new Map<string, HTMLElement>();
  const workerCache = new Map<string, HTMLElement>();
  const boxes = new Map<HTMLElement, Box>();
  const trayCache = new Map<string, HTMLButtonElement>();
  const empty = h('p', { class: 'empty' }, 'No worker nodes: create a cluster with workers to run pods.');

  root.append(
    h('section', { class: 'band cp', 'aria-labelledby': 'cp-h' },
      h('h3', { id: 'cp-h' }, 'Control plane'),
      h('p', { class: 'hint' }, 'API server, etcd, scheduler and controllers; tainted NoSchedule, so your pods run on the workers.'),
      cpList),
    h('section', { class: 'band wk', 'aria-labelledby': 'wk-h' },
      h('h3', { id: 'wk-h' }, 'Worker nodes'),
      h('p', { class: 'hint' }, 'Each runs a kubelet; every pod gets an IP from its node\u2019s pod CIDR.'),
      workerList, empty),
    tray,
  );

  const makeBox = (n: KubeObject): HTMLElement => {
    const name = n.metadata.name;
    const el = h('article', { class: 'node', 'data-node': name, 'aria-label': `Node ${name}` },
      h('header', null,
        h('button', { type: 'button', class: 'node-name', onclick: () => state.select({ r: 'nodes', name }) }, name),
        h('span', { class: 'node-state' }),
        h('span', { class: 'node-act' })),
      h('p', { class: 'facts' }),
      h('div', { class: 'pods' }),
      h('div', { class: 'more' }));
    boxes.set(el, { el, chips: new Map() });
    return el;
  };

  const updateBox = (el: HTMLElement, n: KubeObject, pods: KubeObject[]): void => {
    const box = boxes.get(el)!;
    const name = n.metadata.name;
    const ready = nodeReady(n);
    const cordoned = !!n.spec?.unschedulable;
    const cp = isControlPlane(n);
    const sel = state.selection?.r === 'nodes' && state.selection.name === name;
    setClass(el, `node ${ready === 'Ready' ? 'ready' : 'down'}${cordoned ? ' cordoned' : ''}${sel ? ' selected' : ''}`);
    const [header, facts, list, more] = [...el.children] as HTMLElement[];
    setText(header!.children[1]!, ready === 'Ready' ? (cordoned ? 'Ready, cordoned' : 'Ready') : `\u26a0 ${ready}${cordoned ? ', cordoned' : ''}`);
    const act = header!.children[2] as HTMLElement;
    if (!cp && actions.canEdit()) {
      const down = ready !== 'Ready';
      let btn = act.firstElementChild as HTMLButtonElement | null;
      if (!btn) act.append((btn = h('button', { type: 'button', class: 'fault', onclick: () => (btn!.dataset.down === '1' ? actions.recover(name) : actions.fail(name)) })));
      btn.dataset.down = down ? '1' : '0';
      setText(btn, down ? 'Recover' : 'Fail node');
      setAttr(btn, 'aria-label', `${down ? 'Recover' : 'Fail'} node ${name}`);
    } else if (act.firstElementChild) act.replaceChildren();
    const cidr = n.spec?.podCIDR as string | undefined;
    const live = pods.filter((p) => !p.metadata.deletionTimestamp).length;
    setText(facts!, `${internalIP(n)} \u00b7 ${cidr ? `pod CIDR ${cidr}` : 'pods use the node subnet'} \u00b7 ${live} pod${live === 1 ? '' : 's'}`);
    const limit = expanded.has(name) ? SHOW_ALL : chips;
    const shown = cp ? pods : pods.slice(0, limit);
    keyed(list!, box.chips, shown, podKey, (p) => podChip(state, p, cp ? cpLabel(p) : undefined), (c, p) => updatePodChip(state, c, p, cp ? cpLabel(p) : undefined));
    renderMore(more!, pods.slice(shown.length), name, !cp && pods.length > chips);
  };

  const renderMore = (more: HTMLElement, rest: KubeObject[], node: string, expandable: boolean): void => {
    const counts = toneCounts(rest);
    const sig = `${expanded.has(node)}|${expandable}|${counts.map((c) => c.join(':')).join(',')}`;
    if (more.dataset.sig === sig) return;
    more.dataset.sig = sig;
    if (!expandable) return more.replaceChildren();
    if (!rest.length) more.querySelector('.dots')?.replaceChildren();
    const open = expanded.has(node);
    const toggle = h('button', { type: 'button', class: 'link', 'aria-expanded': String(open), onclick: () => {
      if (open) expanded.delete(node);
      else expanded.add(node);
      state.mark('ui');
    } }, open ? 'Show fewer' : `+ ${rest.length} more`);
    const summary = more.querySelector('.summary') ?? more.appendChild(h('div', { class: 'summary' }));
    summary.replaceChildren(toggle, ...toneSummary(counts));
    const dots = more.querySelector('.dots') ?? more.appendChild(h('div', { class: 'dots', 'aria-hidden': 'true' }));
    drawDots(dots, counts.flatMap(([tone, n]) => Array<string>(n).fill(tone)).slice(0, DOTS));
  };

  return {
    name: 'nodes',
    topics: ['nodes', 'pods', 'selection', 'ui'],
    render() {
      const nodes = state.list('nodes').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name, undefined, { numeric: true }));
      const byNode = state.podsByNode();
      const names = new Set(nodes.map((n) => n.metadata.name));
      const cps = nodes.filter(isControlPlane);
      const workers = nodes.filter((n) => !isControlPlane(n));
      const podsOf = (n: KubeObject) => byNode.get(n.metadata.name) ?? [];
      const busy = workers.filter((n) => podsOf(n).length > MAX_CHIPS).length;
      chips = Math.max(MIN_CHIPS, Math.min(MAX_CHIPS, Math.floor(32 / Math.max(1, busy))));
      keyed(cpList, cpCache, cps, (n) => n.metadata.name, makeBox, (el, n) => updateBox(el, n, podsOf(n)));
      keyed(workerList, workerCache, workers, (n) => n.metadata.name, makeBox, (el, n) => updateBox(el, n, podsOf(n)));
      empty.hidden = workers.length > 0 || state.rv === undefined;
      for (const el of boxes.keys()) if (!el.isConnected) boxes.delete(el);
      const waiting = [...byNode].filter(([node]) => !node || !names.has(node)).flatMap(([, pods]) => pods);
      tray.hidden = waiting.length === 0;
      setText(trayTitle, `Waiting for the scheduler (${waiting.length})`);
      const limit = expanded.has('') ? SHOW_ALL : MAX_CHIPS * 2;
      keyed(trayChips, trayCache, waiting.slice(0, limit), podKey, (p) => podChip(state, p), (c, p) => updatePodChip(state, c, p));
      renderMore(trayMore, waiting.slice(limit), '', waiting.length > MAX_CHIPS * 2);
    },
  };
}
