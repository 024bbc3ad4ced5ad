// Who is here: how many people watch this cluster, who of them can edit, and the name you appear under.
import { h, setText } from '../lib/dom.ts';
import type { Panel } from '../live/frame.ts';
import type { ClusterState } from '../live/store.ts';

export function presencePanel(root: HTMLElement, state: ClusterState, rename: (name: string) => void): Panel {
  const count = h('span', { class: 'count' });
  const list = h('ul', { class: 'people' });
  const input = h('input', { id: 'my-name', type: 'text', maxlength: '40', autocomplete: 'nickname', value: localStorage.getItem('ks:name') ?? '', placeholder: 'Your name' }) as HTMLInputElement;
  const save = () => {
    const name = input.value.trim();
    localStorage.setItem('ks:name', name);
    if (name) rename(name);
  };
  input.addEventListener('change', save);
  const details = h('details', { class: 'presence' },
    h('summary', { class: 'button', title: 'People here' }, count),
    h('div', { class: 'popover' },
      h('label', { for: 'my-name' }, 'Your name'), input,
      h('h3', null, 'Here now'), list));
  details.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && details.open) {
      details.open = false;
      details.querySelector('summary')!.focus();
    }
  });
  root.append(details);
  return {
    name: 'presence',
    topics: ['presence', 'ui'],
    render() {
      const people = state.people;
      const editors = people.filter((p) => p.rights === 'edit').length;
      setText(count, `${people.length} here \u00b7 ${editors} editing`);
      list.replaceChildren(...people.map((p) => h('li', { class: p.rights }, p.name, p.id === state.me ? ' (you)' : '', h('span', { class: 'badge' }, p.rights === 'edit' ? 'editing' : 'watching'))));
    },
  };
}
