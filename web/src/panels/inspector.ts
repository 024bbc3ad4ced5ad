// The selected object, as `kubectl get -o yaml` prints it, with its events; pods and nodes offer their faults here.
import { h, keyed, setText } from '../lib/dom.ts';
// The same printer as the command box's `get -o yaml`, so the inspector shows what kubectl shows.
import { toYaml as printYaml } from '../../../durable-objects/kubectl/output/yaml.ts';
import { withoutManagedFields } from '../../../durable-objects/kubectl/output/managed-fields.ts';

const toYaml = (o: unknown) => printYaml(withoutManagedFields(o as Parameters<typeof withoutManagedFields>[0]));
import type { Api } from '../lib/api.ts';
import { isControlPlane, nodeReady } from '../lib/kube.ts';
import type { Panel } from '../live/frame.ts';
import { keyOf, type ClusterState, type Selection } from '../live/store.ts';
import type { KubeObject } from '../live/types.ts';
import { eventItem, updateEventItem } from './events.ts';
import type { Faults } from './faults.ts';

const KIND: Record<string, string> = {
  pods: 'Pod',
  nodes: 'Node',
  'deployments.apps': 'Deployment',
  'replicasets.apps': 'ReplicaSet',
  services: 'Service',
  endpoints: 'Endpoints',
  namespaces: 'Namespace',
  events: 'Event',
};

export function inspectorPanel(root: HTMLElement, state: ClusterState, api: Api, faults: () => Faults | undefined): Panel {
  const title = h('h2', { id: 'insp-title', tabindex: '-1' });
  const close = h('button', { type: 'button', class: 'icon', 'aria-label': 'Close (Esc)', onclick: () => state.select(undefined) }, '\u2715');
  const actions = h('div', { class: 'actions' });
  const note = h('p', { class: 'note', role: 'status' });
  const yaml = h('pre', { class: 'yaml', tabindex: '0', 'aria-label': 'YAML' });
  const events = h('ol', { class: 'events' });
  const noEvents = h('p', { class: 'empty' }, 'No events for this object.');
  root.append(h('header', null, title, close), actions, note, h('h3', null, 'YAML'), yaml, h('h3', null, 'Events'), events, noEvents);
  const evCache = new Map<string, HTMLElement>();
  let current: Selection | undefined;
  let fetchedRV: string | undefined;
  let returnFocus: Element | null = null;
  let refetch: ReturnType<typeof setTimeout> | undefined;

  addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.selection && !(e.target as Element)?.closest?.('textarea, input, .editor')) state.select(undefined);
  });

  const load = async (sel: Selection) => {
    try {
      const o = await api.object(sel.r, sel.name, sel.namespace);
      if (current !== sel) return;
      fetchedRV = (o.metadata as { resourceVersion?: string }).resourceVersion;
      setText(yaml, toYaml(o));
      yaml.dataset.rv = fetchedRV ?? '';
      setText(note, '');
    } catch (e) {
      if (current !== sel) return;
      setText(note, (e as Error).message);
    }
  };

  const renderActions = (sel: Selection, o: KubeObject | undefined) => {
    const f = faults();
    if (!f || !o) return actions.replaceChildren();
    const sig = `${sel.r}|${o.metadata.name}|${sel.r === 'nodes' ? nodeReady(o) : ''}|${o.spec?.containers?.length ?? 0}`;
    if (actions.dataset.sig === sig) return;
    actions.dataset.sig = sig;
    if (sel.r === 'pods') {
      const ns = o.metadata.namespace ?? 'default';
      const containers: string[] = (o.spec?.containers ?? []).map((c: any) => c.name);
      actions.replaceChildren(
        ...containers.map((c) => h('button', { type: 'button', class: 'fault', onclick: () => f.run({ action: 'crash-container', namespace: ns, pod: o.metadata.name, container: c }) }, containers.length > 1 ? `Crash ${c}` : 'Crash container')),
        h('button', { type: 'button', class: 'fault', onclick: () => f.run({ action: 'delete-pod', namespace: ns, pod: o.metadata.name }) }, 'Delete pod'));
    } else if (sel.r === 'nodes' && !isControlPlane(o)) {
      const down = nodeReady(o) !== 'Ready';
      actions.replaceChildren(h('button', { type: 'button', class: 'fault', onclick: () => f.run({ action: down ? 'recover-node' : 'fail-node', node: o.metadata.name }) }, down ? 'Recover node' : 'Fail node'));
    } else actions.replaceChildren();
  };

  return {
    name: 'inspector',
    topics: ['selection', 'pods', 'nodes', 'deployments.apps', 'replicasets.apps', 'services', 'endpoints', 'events', 'ui'],
    render(dirty) {
      const sel = state.selection;
      if (!sel) {
        if (!root.hidden) {
          root.hidden = true;
          current = undefined;
          if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
        }
        return;
      }
      const live = state.get(sel.r, sel.name, sel.namespace);
      if (sel !== current) {
        if (root.hidden) returnFocus = document.activeElement;
        current = sel;
        fetchedRV = undefined;
        root.hidden = false;
        setText(title, `${KIND[sel.r] ?? sel.r} ${sel.namespace ? `${sel.namespace}/` : ''}${sel.name}`);
        setText(yaml, live ? toYaml(live) : 'Loading\u2026');
        delete yaml.dataset.rv;
        delete actions.dataset.sig;
        void load(sel);
        title.focus();
      } else if (dirty.has(sel.r) && live && live.metadata.resourceVersion !== fetchedRV) {
        clearTimeout(refetch);
        refetch = setTimeout(() => current === sel && void load(sel), 250);
      }
      setText(note, live || state.rv === undefined ? note.textContent ?? '' : 'This object no longer exists; the YAML is its last state.');
      renderActions(sel, live);
      const evs = live ? state.eventsFor({ ...live, kind: KIND[sel.r] }).slice(0, 50) : [];
      const now = Date.now();
      keyed(events, evCache, evs, keyOf, eventItem, (el, e) => updateEventItem(el, e, now));
      noEvents.hidden = evs.length > 0;
    },
  };
}
