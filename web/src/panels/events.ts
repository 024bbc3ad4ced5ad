// The cluster's events, newest first (Warnings stand out), and its activity: who applied, scaled or deleted what.
import { h, keyed, setClass, setText } from '../lib/dom.ts';
import { age } from '../lib/kube.ts';
import type { Panel } from '../live/frame.ts';
import { eventTime, keyOf, type ClusterState } from '../live/store.ts';
import type { ActivityEntry, KubeObject } from '../live/types.ts';

const SHOW = 80;

/** One event as a list item: type, reason, object, message, age. Shared with the inspector. */
export function eventItem(): HTMLElement {
  return h('li', { class: 'event' },
    h('span', { class: 'etype' }),
    h('span', { class: 'reason' }),
    h('span', { class: 'about' }),
    h('span', { class: 'age' }),
    h('span', { class: 'msg' }));
}

export function updateEventItem(el: HTMLElement, e: KubeObject, now: number): void {
  const warn = e.type === 'Warning';
  setClass(el, `event${warn ? ' warning' : ''}`);
  const io = e.involvedObject ?? e.regarding ?? {};
  const [type, reason, about, when, msg] = [...el.children];
  setText(type!, warn ? '\u26a0 Warning' : '');
  setText(reason!, e.reason ?? '');
  setText(about!, `${(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`);
  setText(when!, `${age(eventTime(e), now)}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`);
  setText(msg!, e.message ?? e.note ?? '');
}

export function eventsPanel(root: HTMLElement, state: ClusterState): Panel {
  let warningsOnly = false;
  const toggle = h('button', { type: 'button', class: 'chip-toggle', 'aria-pressed': 'false', onclick: () => {
    warningsOnly = !warningsOnly;
    toggle.setAttribute('aria-pressed', String(warningsOnly));
    state.mark('ui');
  } }, 'Warnings only');
  const list = h('ol', { class: 'events', 'aria-label': 'Events, newest first' });
  const empty = h('p', { class: 'empty' }, 'No events yet.');
  root.querySelector('.panel-tools')?.append(toggle);
  (root.querySelector('.body') ?? root).append(list, empty);
  const cache = new Map<string, HTMLElement>();
  // ages move on even when nothing happens
  setInterval(() => state.mark('events'), 15_000);
  return {
    name: 'events',
    topics: ['events', 'ui'],
    render() {
      const now = Date.now();
      const all = state.newestEvents();
      const shown = (warningsOnly ? all.filter((e) => e.type === 'Warning') : all).slice(0, SHOW);
      keyed(list, cache, shown, keyOf, eventItem, (el, e) => updateEventItem(el, e, now));
      empty.hidden = shown.length > 0;
    },
  };
}

export function activityPanel(root: HTMLElement, state: ClusterState): Panel {
  const list = h('ol', { class: 'activity', 'aria-label': 'Activity, newest first' });
  const empty = h('p', { class: 'empty' }, 'Nobody changed anything yet.');
  root.append(list, empty);
  // ages move on while nothing new happens, as the events' do
  setInterval(() => state.activity.length && state.mark('activity'), 15_000);
  return {
    name: 'activity',
    topics: ['activity'],
    render() {
      const now = Date.now();
      list.replaceChildren(...state.activity.slice(0, SHOW).map((a: ActivityEntry) =>
        h('li', null,
          h('span', { class: 'who' }, a.user),
          ` ${a.verb} `,
          h('span', { class: 'what' }, `${a.kind.toLowerCase()}/${a.name}`),
          a.namespace && a.namespace !== 'default' ? h('span', { class: 'ns' }, ` in ${a.namespace}`) : '',
          h('span', { class: 'age' }, age(a.time, now)))));
      empty.hidden = state.activity.length > 0;
    },
  };
}
