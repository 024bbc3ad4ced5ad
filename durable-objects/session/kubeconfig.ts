// Kubeconfig text a stock kubectl uses as is. The token rides in the server path because kubectl sends no bearer
// token over plain http (local `npm run dev`); over https the bearer header carries it too.
import { stringify } from 'yaml';

export interface KubeconfigInput {
  origin: string;
  id: string;
  token: string;
  rights: 'edit' | 'view';
}

export function serverUrl(origin: string, id: string, token: string): string {
  return `${origin}/clusters/${id}/t/${token}`;
}

export function kubeconfig({ origin, id, token, rights }: KubeconfigInput): string {
  const name = `sandbox-${id.slice(0, 8)}${rights === 'view' ? '-view' : ''}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // Plain http (local dev) has no TLS to verify; saying so explicitly keeps clients such as @kubernetes/client-node,
    // which refuse http otherwise, working with the same file.
    clusters: [{ name, cluster: origin.startsWith('http:') ? { 'insecure-skip-tls-verify': true, server: serverUrl(origin, id, token) } : { server: serverUrl(origin, id, token) } }],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
