// The connection line in the header (Live, Reconnecting in 3s, gone) and short-lived notices.
import { h, setClass, setText } from '../lib/dom.ts';
import type { Panel } from '../live/frame.ts';
import type { ClusterState } from '../live/store.ts';

export function statusPanel(el: HTMLElement, state: ClusterState): Panel {
  return {
    name: 'status',
    topics: ['connection'],
    render() {
      const c = state.connection;
      setClass(el, `conn ${c.state}`);
      setText(el, c.message);
      // A cluster that cannot be reached at all says so across the page instead of showing empty panels.
      if (c.state === 'gone' && !state.everLive) showGone(c.message);
    },
  };
}

export function toast(message: string, bad = false): void {
  const box = document.getElementById('toasts');
  if (!box) return;
  const t = h('div', { class: `toast${bad ? ' bad' : ''}` }, message);
  box.append(t);
  setTimeout(() => t.remove(), bad ? 8000 : 4000);
}

function showGone(message: string): void {
  const app = document.getElementById('app');
  if (!app || document.getElementById('gone')) return;
  app.hidden = true;
  for (const slot of ['presence', 'share']) document.getElementById(slot)?.setAttribute('hidden', '');
  app.after(h('section', { id: 'gone', class: 'gone-page', role: 'alert' },
    h('h1', null, 'This cluster cannot be shown'),
    h('p', null, message),
    h('p', null, 'Share links carry their access token after the # sign; a link copied from the address bar of an edit page has none. Ask for the edit or view link, or ', h('a', { href: '/' }, 'start a new cluster'), '.')));
}
