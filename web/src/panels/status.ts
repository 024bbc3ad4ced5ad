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
