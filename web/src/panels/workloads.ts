// Workloads as a tree, per namespace: Deployment -> ReplicaSets (with revision) -> Pods, Services -> their endpoints.
import { h, keyed, setAttr, setClass, setText } from '../lib/dom.ts';
import { controllerOf } from '../lib/kube.ts';
import type { Panel } from '../live/frame.ts';
import type { ClusterState, Selection } from '../live/store.ts';
import type { KubeObject, Resource } from '../live/types.ts';
import { podChip, podKey, toneCounts, toneSummary, updatePodChip } from './pod-chip.ts';

const PODS_PER_RS = 6;
const ENDPOINTS = 8;

/** Child-list caches of the elements keyed() reuses. */
const caches = new WeakMap<Element, Map<string, HTMLElement>>();
const cacheOf = (el: Element) => {
  let c = caches.get(el);
  if (!c) caches.set(el, (c = new Map()));
  return c;
};

const nsOrder = (a: string, b: string) => (a === 'default' ? -1 : b === 'default' ? 1 : a === 'kube-system' ? 1 : b === 'kube-system' ? -1 : a.localeCompare(b));

export function workloadsPanel(root: HTMLElement, state: ClusterState): Panel {
  const list = h('div', { class: 'ns-list' });
  const empty = h('p', { class: 'empty' }, 'Nothing deployed yet. Apply a Deployment to see Deployment \u2192 ReplicaSets \u2192 Pods.');
  root.append(list, empty);
  const nsCache = new Map<string, HTMLElement>();

  /** A row: a button naming the object (selects it) and a line of facts. */
  const row = (r: Resource, kind: string, o: KubeObject, cls: string): HTMLElement => {
    const sel: Selection = { r, name: o.metadata.name, namespace: o.metadata.namespace };
    return h('li', { class: cls },
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'obj', onclick: () => state.select(sel) }, h('span', { class: 'kind' }, kind), ' ', h('span', { class: 'oname' }, o.metadata.name)),
        h('span', { class: 'facts' })),
      h('ul', { class: 'children' }));
  };
  const isSelected = (r: Resource, o: KubeObject) => state.selection?.r === r && state.selection.name === o.metadata.name && state.selection.namespace === o.metadata.namespace;
  const facts = (li: HTMLElement, text: string, r: Resource, o: KubeObject) => {
    setText(li.firstElementChild!.children[1]!, text);
    setAttr(li.firstElementChild!.firstElementChild!, 'aria-pressed', isSelected(r, o) ? 'true' : 'false');
  };

  const podsInto = (ul: HTMLElement, pods: KubeObject[]) => {
    const chips = ul.querySelector<HTMLElement>(':scope > .pods') ?? ul.appendChild(h('li', { class: 'pods' }));
    const more = ul.querySelector<HTMLElement>(':scope > .more') ?? ul.appendChild(h('li', { class: 'more' }));
    keyed(chips, cacheOf(chips) as Map<string, HTMLButtonElement>, pods.slice(0, PODS_PER_RS), podKey, (p) => podChip(state, p), (c, p) => updatePodChip(state, c, p));
    const rest = pods.slice(PODS_PER_RS);
    const sig = toneCounts(rest).map((c) => c.join(':')).join(',');
    if (more.dataset.sig !== sig) {
      more.dataset.sig = sig;
      more.replaceChildren(...(rest.length ? [h('span', null, `+ ${rest.length} more`), ...toneSummary(toneCounts(rest))] : []));
    }
    chips.hidden = pods.length === 0;
    more.hidden = rest.length === 0;
  };

  const renderNamespace = (sec: HTMLElement, ns: string) => {
    const inNs = <T extends KubeObject>(r: Resource) => state.list(r).filter((o) => o.metadata.namespace === ns).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)) as T[];
    const rsByOwner = state.ownedBy('replicasets.apps');
    const podsByOwner = state.ownedBy('pods');
    const deploys = inNs('deployments.apps');
    const deployUids = new Set(deploys.map((d) => d.metadata.uid));
    const orphanRS = inNs('replicasets.apps').filter((rs) => !deployUids.has(controllerOf(rs)?.uid ?? '-'));
    const rsUids = new Set(state.list('replicasets.apps').map((rs) => rs.metadata.uid));
    const loose = (podsByOwner.get('') ?? []).concat(...[...podsByOwner].filter(([uid]) => uid && !rsUids.has(uid)).map(([, p]) => p)).filter((p) => p.metadata.namespace === ns);
    const tree = sec.querySelector<HTMLElement>('.tree.workloads')!;
    type Item = { k: string; r: Resource; o?: KubeObject; pods?: KubeObject[] };
    const items: Item[] = [
      ...deploys.map((o): Item => ({ k: `d/${o.metadata.name}`, r: 'deployments.apps', o })),
      ...orphanRS.map((o): Item => ({ k: `rs/${o.metadata.name}`, r: 'replicasets.apps', o })),
      ...(loose.length ? [{ k: 'loose', r: 'pods' as Resource, pods: loose }] : []),
    ];
    keyed(tree, cacheOf(tree), items, (i) => i.k, (i) => (i.o ? row(i.r, i.r === 'deployments.apps' ? 'Deployment' : 'ReplicaSet', i.o, i.r === 'deployments.apps' ? 'deploy' : 'rs') : h('li', { class: 'loose' }, h('div', { class: 'row' }, h('span', { class: 'kind' }, 'Pods without a ReplicaSet')), h('ul', { class: 'children' }))), (li, i) => {
      const kids = li.querySelector<HTMLElement>(':scope > .children')!;
      if (!i.o) return podsInto(kids, i.pods!);
      if (i.r === 'replicasets.apps') return renderRS(li, i.o, podsByOwner.get(i.o.metadata.uid ?? '') ?? []);
      const d = i.o;
      facts(li, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready \u00b7 ${d.spec?.template?.spec?.containers?.map((c: any) => c.image).join(', ') ?? ''}`, 'deployments.apps', d);
      const sets = (rsByOwner.get(d.metadata.uid ?? '') ?? []).slice().sort((a, b) => revision(b) - revision(a));
      keyed(kids, cacheOf(kids), sets, (rs) => rs.metadata.name, (rs) => row('replicasets.apps', 'ReplicaSet', rs, 'rs'), (rli, rs) => renderRS(rli, rs, podsByOwner.get(rs.metadata.uid ?? '') ?? []));
    });

    const svcs = inNs('services');
    const svcList = sec.querySelector<HTMLElement>('.tree.services')!;
    keyed(svcList, cacheOf(svcList), svcs, (s) => s.metadata.name, (s) => row('services', 'Service', s, 'svc'), (li, s) => renderService(li, s, state.get('endpoints', s.metadata.name, ns)));
    (svcList.previousElementSibling as HTMLElement).hidden = svcs.length === 0;
    setText(sec.querySelector('summary .count')!, `${deploys.length} deployment${deploys.length === 1 ? '' : 's'}, ${svcs.length} service${svcs.length === 1 ? '' : 's'}${loose.length ? `, ${loose.length} other pod${loose.length === 1 ? '' : 's'}` : ''}`);
  };

  const renderRS = (li: HTMLElement, rs: KubeObject, pods: KubeObject[]) => {
    const rev = revision(rs);
    const desired = rs.spec?.replicas ?? 0;
    setClass(li, `rs${desired === 0 && pods.length === 0 ? ' old' : ''}`);
    facts(li, `${rev ? `revision ${rev} \u00b7 ` : ''}${rs.status?.readyReplicas ?? 0}/${desired} ready`, 'replicasets.apps', rs);
    podsInto(li.querySelector<HTMLElement>(':scope > .children')!, pods);
  };

  const renderService = (li: HTMLElement, s: KubeObject, ep: KubeObject | undefined) => {
    const ports = (s.spec?.ports ?? []).map((p: any) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}\u2192${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`).join(', ');
    const selector = Object.entries(s.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    facts(li, `${s.spec?.type ?? 'ClusterIP'} ${s.spec?.clusterIP ?? ''} \u00b7 ${ports}${selector ? ` \u00b7 selects ${selector}` : ''}`, 'services', s);
    const byIP = state.podsByIP();
    const rows: Array<{ k: string; text: string; ready: boolean; pod?: KubeObject }> = [];
    for (const sub of ep?.subsets ?? []) {
      const port = (sub.ports ?? []).map((p: any) => p.port).join(',');
      for (const [list, ready] of [[sub.addresses ?? [], true], [sub.notReadyAddresses ?? [], false]] as const) {
        for (const a of list) {
          const pod = a.targetRef?.kind === 'Pod' ? state.get('pods', a.targetRef.name, a.targetRef.namespace ?? s.metadata.namespace) : byIP.get(a.ip);
          rows.push({ k: `${a.ip}:${port}`, text: `${a.ip}${port ? `:${port}` : ''}`, ready, pod });
        }
      }
    }
    const kids = li.querySelector<HTMLElement>(':scope > .children')!;
    const shown = rows.slice(0, ENDPOINTS);
    const items = rows.length ? shown : [{ k: 'none', text: selector ? 'no endpoints: no ready pod matches the selector' : 'no selector: endpoints are managed by hand', ready: false }];
    if (rows.length > ENDPOINTS) items.push({ k: 'more', text: `+ ${rows.length - ENDPOINTS} more endpoints`, ready: true });
    keyed(kids, cacheOf(kids), items, (e) => e.k, () => h('li', { class: 'ep' }, h('span', { class: 'addr' }), h('span', { class: 'target' })), (el, e) => {
      setClass(el, `ep${e.ready ? '' : ' notready'}${e.k === 'none' || e.k === 'more' ? ' note' : ''}`);
      setText(el.children[0]!, e.text);
      setText(el.children[1]!, e.pod ? `\u2192 ${e.pod.metadata.name}${e.ready ? '' : ' (not ready)'}` : '');
    });
  };

  return {
    name: 'workloads',
    topics: ['deployments.apps', 'replicasets.apps', 'pods', 'services', 'endpoints', 'selection'],
    render() {
      const spaces = new Set<string>();
      for (const r of ['deployments.apps', 'replicasets.apps', 'pods', 'services'] as const) for (const o of state.list(r)) if (o.metadata.namespace) spaces.add(o.metadata.namespace);
      const names = [...spaces].sort(nsOrder);
      keyed(list, nsCache, names, (n) => n, (ns) => {
        const sec = h('details', { class: 'ns', 'data-ns': ns },
          h('summary', null, h('span', { class: 'nsname' }, `namespace ${ns}`), ' ', h('span', { class: 'count' })),
          h('ul', { class: 'tree workloads', 'aria-label': `Workloads in ${ns}` }),
          h('h4', null, 'Services'),
          h('ul', { class: 'tree services', 'aria-label': `Services in ${ns}` }));
        sec.open = ns !== 'kube-system';
        return sec;
      }, renderNamespace);
      empty.hidden = state.rv === undefined || state.list('deployments.apps').some((d) => d.metadata.namespace !== 'kube-system');
    },
  };
}

function revision(o: KubeObject): number {
  return Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}
