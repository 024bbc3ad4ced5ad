// The YAML editor: a textarea with line numbers, Apply through the sessions endpoint, errors marked at their line.
import { h, setText } from '../lib/dom.ts';
import { ApiFailure, type Api } from '../lib/api.ts';
import { errorLines, type LineError } from '../lib/errors.ts';
import { EXAMPLES, NGINX_DEPLOYMENT } from '../lib/examples.ts';

export interface Editor {
  text(): string;
  apply(): Promise<void>;
}

export function editorPanel(root: HTMLElement, api: Api): Editor {
  const storeKey = `ks:editor:${api.id}`;
  const area = h('textarea', { id: 'yaml', spellcheck: 'false', wrap: 'off', autocapitalize: 'off', autocomplete: 'off', 'aria-label': 'YAML to apply', 'aria-describedby': 'editor-help editor-errors' }) as HTMLTextAreaElement;
  area.value = localStorage.getItem(storeKey) ?? NGINX_DEPLOYMENT;
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const marks = h('div', { class: 'marks', 'aria-hidden': 'true' });
  const errors = h('div', { id: 'editor-errors', class: 'errors', role: 'alert' });
  const results = h('ul', { class: 'results', role: 'status' });
  const applyBtn = h('button', { type: 'button', class: 'primary', onclick: () => void apply() }, 'Apply');
  const examples = h('select', { 'aria-label': 'Load an example', onchange: () => {
    const ex = EXAMPLES[Number(examples.value)];
    examples.value = '';
    if (!ex) return;
    area.focus();
    area.select();
    if (!document.execCommand('insertText', false, ex[1])) area.value = ex[1];
    changed();
  } }, h('option', { value: '' }, 'Examples\u2026'), ...EXAMPLES.map(([label], i) => h('option', { value: String(i) }, label)));
  let errs: LineError[] = [];

  root.querySelector('.panel-tools')!.append(examples, applyBtn);
  root.append(
    h('div', { class: 'editor' }, gutter, h('div', { class: 'area' }, marks, area)),
    h('p', { id: 'editor-help', class: 'hint' }, 'Ctrl+Enter applies. Tab indents once you type or click in the text; Esc, then Tab, moves on.'),
    errors,
    results,
  );

  const lineHeight = () => parseFloat(getComputedStyle(area).lineHeight) || 20;
  const padTop = () => parseFloat(getComputedStyle(area).paddingTop) || 0;
  const drawGutter = () => {
    const n = area.value.split('\n').length;
    const bad = new Set(errs.map((e) => e.line));
    if (gutter.childElementCount !== n || gutter.dataset.bad !== [...bad].join(',')) {
      gutter.dataset.bad = [...bad].join(',');
      gutter.replaceChildren(...Array.from({ length: n }, (_, i) => h('div', { class: bad.has(i + 1) ? 'ln err' : 'ln' }, String(i + 1))));
    }
    marks.replaceChildren(...[...bad].filter((l): l is number => !!l).map((l) => h('div', { class: 'mark', style: `top:${padTop() + (l - 1) * lineHeight()}px;height:${lineHeight()}px` })));
    syncScroll();
  };
  const syncScroll = () => {
    gutter.style.transform = `translateY(${-area.scrollTop}px)`;
    marks.style.transform = `translate(${-area.scrollLeft}px, ${-area.scrollTop}px)`;
  };
  const changed = () => {
    localStorage.setItem(storeKey, area.value);
    drawGutter();
  };
  area.addEventListener('input', changed);
  area.addEventListener('scroll', syncScroll);

  // Tab indents only while someone is editing: arriving with Tab and pressing Tab again moves on, so keyboard users
  // passing through never change the manifest; typing or clicking in the text starts editing, Escape ends it.
  let editing = false;
  let pressedAt = -Infinity;
  area.addEventListener('pointerdown', () => {
    pressedAt = performance.now();
    editing = true;
  });
  // focus follows pointerdown: only focus that arrives by keyboard starts out passing through
  area.addEventListener('focus', () => (editing = performance.now() - pressedAt < 1000));
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      editing = false;
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void apply();
    } else if (e.key === 'Tab' && editing && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      if (e.shiftKey) outdent();
      else document.execCommand('insertText', false, '  ');
    } else if (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete' || e.key === 'Enter') {
      editing = true;
    }
  });

  const outdent = () => {
    const start = area.value.lastIndexOf('\n', area.selectionStart - 1) + 1;
    const lead = /^ {1,2}/.exec(area.value.slice(start))?.[0].length ?? 0;
    if (!lead) return;
    const caret = area.selectionStart;
    area.setSelectionRange(start, start + lead);
    document.execCommand('delete');
    area.setSelectionRange(Math.max(start, caret - lead), Math.max(start, caret - lead));
  };

  const goTo = (line: number, column = 1) => {
    const lines = area.value.split('\n');
    const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 1);
    area.focus();
    area.setSelectionRange(offset, offset);
    area.scrollTop = Math.max(0, (line - 3) * lineHeight());
  };

  const showErrors = (summary: string, list: LineError[]) => {
    errs = list;
    const items = list.map((e) => h('li', { 'data-line': e.line ? String(e.line) : undefined },
      e.line ? h('button', { type: 'button', class: 'link', onclick: () => goTo(e.line!, e.column) }, `line ${e.line}${e.column ? `:${e.column}` : ''}`) : '',
      e.line ? ' ' : '', e.message));
    errors.replaceChildren(...(summary ? [h('p', { class: 'summary' }, summary)] : []), ...(items.length ? [h('ul', null, items)] : []));
    drawGutter();
  };

  const apply = async () => {
    applyBtn.disabled = true;
    results.replaceChildren();
    showErrors('', []);
    try {
      const r = await api.apply(area.value);
      showErrors('', []);
      results.replaceChildren(...r.results.map((x) => h('li', null, x.message)));
    } catch (e) {
      if (e instanceof ApiFailure) {
        const list = errorLines(area.value, e.body);
        const causes = e.body.details?.causes?.length ?? 0;
        showErrors(causes || list.length > 1 ? (e.body.message ?? '').replace(/: \[.*\]$/s, '') : '', list);
        if (list[0]?.line) goTo(list[0].line, list[0].column);
      } else showErrors(String((e as Error).message), []);
    } finally {
      applyBtn.disabled = false;
    }
  };

  drawGutter();
  setText(results, '');
  return { text: () => area.value, apply };
}
