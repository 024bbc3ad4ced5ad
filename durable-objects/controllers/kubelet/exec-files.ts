// A container's filesystem as far as the simulation knows it, for `kubectl exec ... cat|ls|test`: the files the
// kubelet writes (hostname, hosts, resolv.conf, the service account token) and the pod's volumes at their mount
// paths (ConfigMap, Secret, downward API, projected, emptyDir). Everything else of the image is unknown.
import type { Container, Pod, Volume } from '../../registry/schemas/index.ts';
import type { Store } from '../../store/store.ts';
import { podFieldValue } from '../../registry/downward-api.ts';
import { dataLookup } from './runs.ts';
import { parseImage } from './images.ts';
import { resolvePath } from './shell.ts';

export interface FileView {
  /** Regular files by absolute path. */
  files: Map<string, string>;
  /** Directories known to exist: mount points, their parents, and the usual top level. */
  dirs: Set<string>;
}

const ROOT_DIRS = ['/bin', '/dev', '/etc', '/home', '/lib', '/proc', '/root', '/sys', '/tmp', '/usr', '/var'];
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

type Source = NonNullable<Volume['projected']>['sources'] extends Array<infer S> | undefined ? S : never;
type Item = { key: string; path: string };

function project(out: Map<string, string>, data: Record<string, string> | undefined, items: Item[] | undefined): void {
  if (!data) return;
  if (!items?.length) for (const [k, v] of Object.entries(data)) out.set(k, v);
  else for (const it of items) if (data[it.key] !== undefined) out.set(it.path, data[it.key]!);
}

function downward(out: Map<string, string>, pod: Pod, c: Container, items: Array<{ path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string } }> | undefined): void {
  for (const it of items ?? []) {
    if (it.fieldRef) {
      const path = it.fieldRef.fieldPath;
      const whole = path === 'metadata.labels' ? pod.metadata.labels : path === 'metadata.annotations' ? pod.metadata.annotations : undefined;
      out.set(it.path, whole ? Object.entries(whole).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('\n') : podFieldValue(pod, path));
    } else if (it.resourceFieldRef) {
      const [kind, res] = it.resourceFieldRef.resource.split('.') as ['limits' | 'requests', string];
      out.set(it.path, String(c.resources?.[kind]?.[res] ?? (res === 'cpu' ? '4' : '8589934592')));
    }
  }
}

/** The files one volume shows at its root (relative paths), or undefined for a volume we know nothing inside. */
function volumeFiles(store: Store, pod: Pod, c: Container, v: Volume): Map<string, string> | undefined {
  const lookup = dataLookup(store, pod.metadata.namespace ?? 'default');
  const out = new Map<string, string>();
  if (v.configMap) project(out, lookup('ConfigMap', v.configMap.name ?? ''), v.configMap.items as Item[] | undefined);
  else if (v.secret) project(out, lookup('Secret', v.secret.secretName ?? ''), v.secret.items as Item[] | undefined);
  else if (v.downwardAPI) downward(out, pod, c, v.downwardAPI.items);
  else if (v.projected) {
    for (const s of (v.projected.sources ?? []) as Source[]) {
      if (s.configMap) project(out, lookup('ConfigMap', s.configMap.name ?? ''), s.configMap.items as Item[] | undefined);
      if (s.secret) project(out, lookup('Secret', s.secret.name ?? ''), s.secret.items as Item[] | undefined);
      if (s.downwardAPI) downward(out, pod, c, s.downwardAPI.items);
      if (s.serviceAccountToken) out.set(s.serviceAccountToken.path, token(pod));
    }
  } else if (!v.emptyDir) return undefined;
  return out;
}

/** A JWT-shaped token (header.payload.signature); nothing checks it, but it looks like the real one. */
function token(pod: Pod): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const sa = pod.spec?.serviceAccountName ?? 'default';
  const ns = pod.metadata.namespace ?? 'default';
  return `${b64({ alg: 'RS256', kid: 'kube-sandbox' })}.${b64({ aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${ns}:${sa}` })}.c2FuZGJveA`;
}

function imageFiles(image: string): Array<[string, string]> {
  const ref = parseImage(image);
  const alpine = ref.repo.endsWith('/alpine') || ref.repo.endsWith('/busybox') || !!ref.tag?.includes('alpine');
  const files: Array<[string, string]> = [];
  if (ref.repo.endsWith('/busybox')) files.push(['/etc/os-release', 'NAME="BusyBox"\nID=busybox\n']);
  else if (alpine) files.push(['/etc/os-release', 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n']);
  else files.push(['/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n']);
  if (ref.repo.endsWith('/nginx')) {
    files.push(['/usr/share/nginx/html/index.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n']);
    files.push(['/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n']);
  }
  return files;
}

/** Everything the container can read, as of now (volumes show their sources' current data, as the kubelet syncs). */
export function containerFiles(store: Store, pod: Pod, c: Container): FileView {
  const files = new Map<string, string>();
  const dirs = new Set<string>(['/', ...ROOT_DIRS]);
  const name = pod.spec?.hostname ?? pod.metadata.name ?? '';
  const ns = pod.metadata.namespace ?? 'default';
  const ip = pod.status?.podIP ?? '';
  for (const [p, text] of imageFiles(c.image ?? '')) files.set(p, text);
  files.set('/etc/hostname', `${name}\n`);
  files.set(
    '/etc/hosts',
    `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip ? `${ip}\t${name}\n` : ''}`,
  );
  files.set('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  if (pod.spec?.automountServiceAccountToken !== false) {
    files.set(`${SA_DIR}/namespace`, ns);
    files.set(`${SA_DIR}/token`, token(pod));
    files.set(`${SA_DIR}/ca.crt`, '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwprdWJlcm5ldGVz\n-----END CERTIFICATE-----\n');
  }
  for (const m of c.volumeMounts ?? []) {
    const v = pod.spec?.volumes?.find((x) => x.name === m.name);
    if (!v) continue;
    const root = resolvePath('/', m.mountPath);
    dirs.add(root);
    const inside = volumeFiles(store, pod, c, v);
    if (!inside) continue;
    for (const [rel, text] of inside) {
      if (m.subPath) {
        if (rel === m.subPath) files.set(root, text);
        continue;
      }
      files.set(resolvePath(root, rel), text);
    }
  }
  for (const p of files.keys()) {
    for (let d = p.slice(0, p.lastIndexOf('/')); d; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
  }
  return { files, dirs };
}

/** `ls` of a directory: its entries (files and subdirectories), sorted; undefined when the path is no directory. */
export function listDir(view: FileView, extra: Iterable<string>, dir: string): string[] | undefined {
  if (!view.dirs.has(dir)) return undefined;
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names = new Set<string>();
  for (const p of [...view.files.keys(), ...view.dirs, ...extra]) {
    if (!p.startsWith(prefix) || p === dir) continue;
    const rest = p.slice(prefix.length);
    if (rest) names.add(rest.split('/')[0]!);
  }
  return [...names].sort();
}
