// The cluster page: reads the link's token, opens the live feed, and mounts one module per panel. Write controls are
// mounted only for an edit link (the server refuses a view token's writes as well).
import { h, $ } from './lib/dom.ts';
import { Api, ApiFailure, type SessionInfo } from './lib/api.ts';
import { ClusterState } from './live/store.ts';
import { LiveConnection } from './live/connection.ts';
import { renderStats, startRendering, type Panel } from './live/frame.ts';
import { nodesPanel } from './panels/nodes.ts';
import { workloadsPanel } from './panels/workloads.ts';
import { activityPanel, eventsPanel } from './panels/events.ts';
import { inspectorPanel } from './panels/inspector.ts';
import { presencePanel } from './panels/presence.ts';
import { sharePanel } from './panels/share.ts';
import { statusPanel, toast } from './panels/status.ts';
import { faults as faultTools, type Faults } from './panels/faults.ts';
import { editorPanel } from './panels/editor.ts';
import { commandPanel } from './panels/command.ts';
import { legend, projectorToggle, toolsToggle } from './panels/chrome.ts';

const id = location.pathname.split('/')[2] ?? '';
const fromUrl = decodeURIComponent(location.hash.slice(1));
const token = fromUrl || sessionStorage.getItem(`ks:token:${id}`) || '';
if (fromUrl) sessionStorage.setItem(`ks:token:${id}`, fromUrl);
/** The link as opened (an edit page hides its token from the address bar once it knows its rights). */
const opened = location.href;

const state = new ClusterState();
const api = new Api(id, token);
api.displayName = localStorage.getItem('ks:name') ?? '';
let faults: Faults | undefined;

const live = new LiveConnection({
  id,
  token,
  state,
  name: () => localStorage.getItem('ks:name') ?? '',
  stillExists: () =>
    api.session().then(
      () => true,
      (e) => {
        if (!(e instanceof ApiFailure)) return true;
        if (e.status === 404) return 'This sandbox no longer exists (it may have expired).';
        if (e.status === 401) return 'This link is not valid for this sandbox.';
        return true;
      },
    ),
});

const panels: Panel[] = [
  statusPanel($('#conn'), state),
  nodesPanel($('#nodes .body'), state, {
    canEdit: () => faults !== undefined,
    fail: (node) => void faults?.run({ action: 'fail-node', node }),
    recover: (node) => void faults?.run({ action: 'recover-node', node }),
  }),
  workloadsPanel($('#workloads .body'), state),
  eventsPanel($('#events'), state),
  activityPanel($('#activity .body'), state),
  inspectorPanel($('#inspector'), state, api, () => faults),
  presencePanel($('#presence'), state, (name) => {
    api.displayName = name;
    live.rename(name);
  }),
];
$('#nodes .panel-tools').append(legend());
$('#tools').append(projectorToggle());

// Open menus (Share, people) close when someone clicks elsewhere.
document.addEventListener('pointerdown', (e) => {
  for (const d of document.querySelectorAll<HTMLDetailsElement>('details.share[open], details.presence[open]')) if (!d.contains(e.target as Node)) d.open = false;
});

startRendering(state, panels, () => {
  performance.mark('ks:first-render');
  document.documentElement.dataset.ready = 'true';
});

if (!id || !token) {
  state.setConnection({ state: 'gone', message: 'This link has no access token: open the full edit or view link.' });
} else {
  live.connect();
  api.session().then(mount, (e: Error) => toast(`Could not read the session: ${e.message}`, true));
}

let mounted = false;
function mount(info: SessionInfo): void {
  if (mounted) return;
  mounted = true;
  state.rights = info.rights;
  state.mark('ui');
  document.body.classList.add(info.rights);
  document.title = `kube-sandbox \u00b7 ${info.options.workers} workers \u00b7 ${id.slice(0, 8)}`;
  $('#title').textContent = `${info.options.controlPlanes} control plane + ${info.options.workers} workers \u00b7 ${info.options.profile} \u00b7 ${info.options.network}`;
  const badge = $('#rights');
  badge.textContent = info.rights === 'edit' ? 'Edit link' : 'View only';
  badge.className = `badge ${info.rights}`;
  const viewUrl = info.viewUrl ?? (info.rights === 'view' && fromUrl ? opened : localStorage.getItem(`ks:view:${id}`) ?? undefined);
  const editUrl = info.rights === 'edit' ? (fromUrl ? opened : localStorage.getItem(`ks:edit:${id}`) ?? undefined) : undefined;
  sharePanel($('#share'), api, { viewUrl, editUrl }, info.rights);
  if (info.rights === 'edit') {
    // the edit token must not be read off a projected address bar; this tab keeps it in sessionStorage
    if (fromUrl) history.replaceState(null, '', location.pathname + location.search);
    mountEditing();
  }
}

function mountEditing(): void {
  const col = $('#do');
  const panel = (pid: string, title: string, cls = '') => h('section', { id: pid, class: `panel ${cls}`, 'aria-labelledby': `${pid}-h` }, h('header', null, h('h2', { id: `${pid}-h` }, title), h('div', { class: 'panel-tools' })));
  const ed = panel('editor', 'Apply YAML', 'grow');
  const cmd = panel('command', 'kubectl', 'grow');
  col.append(ed, cmd);
  col.hidden = false;
  document.body.classList.add('editing');
  $('#tools').prepend(toolsToggle());
  const editor = editorPanel(ed, api);
  commandPanel(cmd, api, editor.text);
  faults = faultTools($('#nodes .panel-tools'), state, api, toast);
  // the node boxes grow their Fail/Recover buttons
  state.mark('ui');
}

// for end-to-end tests and the curious: the page's state and its live connection
Object.assign(globalThis, { kubeSandbox: { state, live, renderStats } });
