// Talks to the Worker inside workerd the way REST clients do: create a sandbox, then call its API with a bearer token.
import { exports } from 'cloudflare:workers';

export interface SessionInfo {
  id: string;
  token: string;
  viewToken: string;
  apiServer: string;
  kubeconfig: string;
  viewKubeconfig: string;
  editUrl: string;
  viewUrl: string;
  expiresAt: string;
}

export const ORIGIN = 'http://sandbox.test';

export function worker(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export async function newSession(options: Record<string, unknown> = { profile: 'fast' }): Promise<SessionInfo> {
  const res = await worker('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
  if (res.status !== 201) throw new Error(`session create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as SessionInfo;
}

export interface Kube {
  (path: string, init?: RequestInit & { json?: unknown; contentType?: string }): Promise<Response>;
  session: SessionInfo;
}

/** A fetch bound to one cluster's API, authenticated with the edit (or view) token. */
export function kube(session: SessionInfo, rights: 'edit' | 'view' = 'edit'): Kube {
  const token = rights === 'edit' ? session.token : session.viewToken;
  const f = ((path: string, init: RequestInit & { json?: unknown; contentType?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers.set('content-type', init.contentType ?? 'application/json');
    }
    return worker(`/clusters/${session.id}${path}`, { ...init, headers, body });
  }) as Kube;
  f.session = session;
  return f;
}

export const nginxDeployment = (name = 'nginx-deployment', replicas = 3) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: 'nginx' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
  },
});
