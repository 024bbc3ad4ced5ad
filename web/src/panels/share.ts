// Sharing: copy the view link (for the class) and the edit link (masked: the page may be on a projector), download
// a kubeconfig and show the two lines that use it.
import { h, setText } from '../lib/dom.ts';
import type { Api } from '../lib/api.ts';

export interface ShareLinks {
  editUrl?: string;
  viewUrl?: string;
}

export async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = h('textarea', { style: 'position:fixed;opacity:0' }, text);
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

function copyButton(label: string, text: () => string | undefined, extra: Record<string, string> = {}): HTMLButtonElement {
  const b: HTMLButtonElement = h('button', { type: 'button', ...extra, onclick: async () => {
    const t = text();
    if (!t) return;
    const ok = await copy(t);
    setText(b, ok ? 'Copied \u2713' : 'Copy failed');
    setTimeout(() => setText(b, label), 2000);
  } }, label);
  return b;
}

export function sharePanel(headerSlot: HTMLElement, api: Api, links: ShareLinks, rights: 'edit' | 'view'): void {
  const file = `kubeconfig-${api.id.slice(0, 8)}.yaml`;
  const lines = `export KUBECONFIG=~/Downloads/${file}\nkubectl get nodes`;
  const status = h('p', { class: 'hint', role: 'status' });
  const download = h('button', { type: 'button', onclick: async () => {
    try {
      const yaml = await api.kubeconfig();
      const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
      const a = h('a', { href: url, download: file });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setText(status, `Downloaded ${file} (${rights === 'edit' ? 'can change the cluster' : 'read-only'}).`);
    } catch (e) {
      setText(status, (e as Error).message);
    }
  } }, 'Download kubeconfig');
  const masked = (u: string) => u.replace(/#.*/, '#\u2022\u2022\u2022\u2022\u2022\u2022');
  const linkRow = (label: string, url: string | undefined, secret: boolean, id: string) =>
    h('div', { class: 'linkrow' },
      h('label', { for: id }, label),
      h('input', { id, type: 'text', readonly: true, value: url ? (secret ? masked(url) : url) : 'not known in this browser' }),
      url ? copyButton('Copy', () => url, { 'aria-label': `Copy ${label.toLowerCase()}` }) : '');

  const body = h('div', { class: 'popover' },
    linkRow('View link: sees everything, changes nothing', links.viewUrl, false, 'share-view'),
    rights === 'edit' ? linkRow('Edit link: can change the cluster', links.editUrl, true, 'share-edit') : '',
    !links.viewUrl && rights === 'edit' ? h('p', { class: 'hint' }, 'The view link was shown to whoever created this cluster; open the cluster from that browser to copy it here.') : '',
    h('h3', null, 'Use it from your terminal'),
    h('div', { class: 'linkrow' }, download, copyButton('Copy commands', () => lines)),
    h('pre', { class: 'cmds' }, lines),
    status);
  const details = h('details', { class: 'share' }, h('summary', { class: 'button' }, 'Share \u25be'), body);
  details.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && details.open) {
      details.open = false;
      details.querySelector('summary')!.focus();
    }
  });
  headerSlot.append(links.viewUrl ? copyButton('Copy view link', () => links.viewUrl, { class: 'primary', id: 'copy-view' }) : '', details);
}
