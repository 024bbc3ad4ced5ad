// Small pieces of the page frame: the colour legend and the large-type (projector) switch.
import { h } from '../lib/dom.ts';
import { TONE_LABEL, type Tone } from '../lib/kube.ts';

export function legend(): HTMLElement {
  const tones: Tone[] = ['running', 'pending', 'notready', 'failed', 'terminating', 'succeeded'];
  return h('ul', { class: 'legend', 'aria-label': 'Pod colours' }, ...tones.map((t) => h('li', { class: `tally ${t}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), TONE_LABEL[t])));
}

/** Hides the editing tools so a projected cluster gets the whole width (edit links only). */
export function toolsToggle(): HTMLButtonElement {
  const body = document.body;
  const hidden = localStorage.getItem('ks:tools-hidden') === '1';
  body.classList.toggle('tools-hidden', hidden);
  const b: HTMLButtonElement = h('button', { type: 'button', id: 'hide-tools', 'aria-pressed': String(hidden), 'aria-controls': 'do', onclick: () => {
    const now = !body.classList.contains('tools-hidden');
    body.classList.toggle('tools-hidden', now);
    b.setAttribute('aria-pressed', String(now));
    localStorage.setItem('ks:tools-hidden', now ? '1' : '0');
  } }, 'Hide tools');
  return b;
}

export function projectorToggle(): HTMLButtonElement {
  const root = document.documentElement;
  const on = localStorage.getItem('ks:big') === '1' || new URLSearchParams(location.search).has('projector');
  root.classList.toggle('big', on);
  const b: HTMLButtonElement = h('button', { type: 'button', id: 'big', 'aria-pressed': String(on), title: 'Larger type for projectors', onclick: () => {
    const now = !root.classList.contains('big');
    root.classList.toggle('big', now);
    b.setAttribute('aria-pressed', String(now));
    localStorage.setItem('ks:big', now ? '1' : '0');
  } }, 'Large text');
  return b;
}
