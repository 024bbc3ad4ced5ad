// The command box: everyday kubectl lines run on the server, printed as kubectl prints them; `-f -` sends the editor.
import { h } from '../lib/dom.ts';
import { ApiFailure, type Api } from '../lib/api.ts';

/** Offered as completions; the first few also as buttons. */
const SUGGESTIONS = [
  'get pods -o wide',
  'apply -f -',
  'scale deployment nginx-deployment --replicas=5',
  'rollout restart deployment nginx-deployment',
  'get deploy,rs,svc,ep',
  'describe deployment nginx-deployment',
  'set image deployment/nginx-deployment nginx=nginx:1.16.1',
  'rollout undo deployment nginx-deployment',
  'logs deployment/nginx-deployment',
  'cordon worker-1',
  'drain worker-1 --ignore-daemonsets',
  'uncordon worker-1',
  'delete pod -l app=nginx',
];
const TIPS = 4;

export function commandPanel(root: HTMLElement, api: Api, editorText: () => string): { run(line: string): Promise<void> } {
  const input = h('input', { id: 'cmd', type: 'text', list: 'cmd-suggestions', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': 'cmd-help', placeholder: 'get pods -o wide' }) as HTMLInputElement;
  const datalist = h('datalist', { id: 'cmd-suggestions' }, ...SUGGESTIONS.map((s) => h('option', { value: s })));
  const out = h('pre', { class: 'term', role: 'log', 'aria-live': 'polite', 'aria-label': 'kubectl output', tabindex: '0' });
  const history: string[] = JSON.parse(sessionStorage.getItem('ks:history') ?? '[]');
  let cursor = history.length;

  const print = (text: string, cls?: string) => {
    out.append(cls ? h('span', { class: cls }, text) : text);
    while (out.childNodes.length > 400) out.firstChild!.remove();
    out.scrollTop = out.scrollHeight;
  };

  const run = async (raw: string) => {
    const line = raw.trim().replace(/^kubectl\s+/, '');
    if (!line) return;
    history.push(line);
    sessionStorage.setItem('ks:history', JSON.stringify(history.slice(-50)));
    cursor = history.length;
    print(`$ kubectl ${line}\n`, 'prompt');
    const stdin = /(^|\s)(-f|--filename)(=|\s+)-(\s|$)/.test(line) ? editorText() : undefined;
    try {
      const r = await api.kubectl(line, stdin);
      if (r.stdout) print(r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
      if (r.stderr) print(r.stderr.endsWith('\n') ? r.stderr : `${r.stderr}\n`, 'stderr');
      if (r.exitCode && !r.stderr) print(`exit code ${r.exitCode}\n`, 'stderr');
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 404 && /could not find|no such sandbox endpoint/.test(e.message)) {
        print('This server does not run kubectl commands yet (POST /kubectl answered 404).\nUse your own kubectl: Share \u2192 Download kubeconfig.\n', 'stderr');
      } else print(`error: ${(e as Error).message}\n`, 'stderr');
    }
  };

  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowUp' && cursor > 0) input.value = history[--cursor] ?? '';
    else if (e.key === 'ArrowDown') input.value = history[++cursor] ?? ((cursor = history.length), '');
    else return;
    e.preventDefault();
  });

  const form = h('form', { class: 'cmdline', onsubmit: (e: Event) => {
    e.preventDefault();
    const line = input.value;
    input.value = '';
    void run(line);
  } }, h('label', { for: 'cmd', class: 'prompt-label' }, '$ kubectl'), input, h('button', { type: 'submit' }, 'Run'));

  const tips = h('div', { class: 'tips', 'aria-label': 'Try' }, ...SUGGESTIONS.slice(0, TIPS).map((s) => h('button', { type: 'button', class: 'tip', onclick: () => {
    input.value = s;
    input.focus();
  } }, s)));

  // Enlarge: the box over most of the page, in larger type, for `describe` on a laptop or a projector; Escape shrinks it.
  const enlarge = h('button', { type: 'button', class: 'link', 'aria-pressed': 'false', onclick: () => setBig(!root.classList.contains('big')) }, 'Enlarge');
  const setBig = (big: boolean) => {
    root.classList.toggle('big', big);
    enlarge.setAttribute('aria-pressed', String(big));
    enlarge.textContent = big ? 'Shrink' : 'Enlarge';
    out.scrollTop = out.scrollHeight;
  };
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && root.classList.contains('big')) setBig(false);
  });
  root.querySelector('.panel-tools')!.append(enlarge, h('button', { type: 'button', class: 'link', onclick: () => out.replaceChildren() }, 'Clear'));
  root.append(form, datalist, h('p', { id: 'cmd-help', class: 'hint' }, '\u2191/\u2193 for history. `apply -f -` applies the editor\u2019s YAML.'), tips, out);
  return { run };
}
