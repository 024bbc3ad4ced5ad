// Requests the Worker forwards to a cluster, after it checked nothing: this authenticates nothing either, it only routes
// an already-authenticated caller (see cluster-object.ts) to the Kubernetes API or the session endpoints.
import { ApiError } from './apiserver/errors.ts';
import type { Caller } from './apiserver/handler.ts';
import { readBody, parseJson } from './apiserver/decode.ts';
import { injectFault, parseFault } from './faults.ts';
import { runKubectl } from './kubectl/index.ts';
import { z } from 'zod';
import type { Cluster } from './cluster.ts';
import type { Rights } from './session/session.ts';
import type { SessionSummary } from './cluster-object.ts';

export interface InternalContext {
  cluster: Cluster;
  caller: Caller;
  rights: Rights;
  summary(): SessionSummary;
  kubeconfig(): string;
  apiServer(): string;
  origin: string;
  /** For edit callers: the view token derived from their token (share the view link from any edit page). */
  viewToken(): Promise<string>;
  destroy(): Promise<void>;
  /** Changes what may change after creation (the simulation profile). */
  updateOptions(patch: { profile?: 'realistic' | 'fast' }): void;
  /** Accepts the web view's WebSocket (hibernatable) for this caller. */
  acceptLive(req: Request): Response;
}

const SessionPatchSchema = z.object({ profile: z.enum(['realistic', 'fast']).optional() }).strict();
const KubectlSchema = z.object({ command: z.string().max(10_000), stdin: z.string().max(3 * 1024 * 1024).optional() }).strict();

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function requireEdit(c: InternalContext, what: string): void {
  if (!c.caller.canWrite) throw new ApiError('Forbidden', `${what} is forbidden: this is a view-only link`);
}

export async function routeInternal(req: Request, c: InternalContext): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname;
  if (path.startsWith('/k8s/') || path === '/k8s') return c.cluster.api(req, path.slice('/k8s'.length) || '/', c.caller);
  switch (`${req.method} ${path}`) {
    case 'GET /session': {
      const info: Record<string, unknown> = { ...c.summary(), rights: c.rights, user: c.caller.name, apiServer: c.apiServer() };
      if (c.rights === 'edit') {
        const viewToken = await c.viewToken();
        info.viewToken = viewToken;
        info.viewUrl = `${c.origin}/s/${c.summary().id}#${viewToken}`;
      }
      return json(info);
    }
    case 'PATCH /session': {
      requireEdit(c, 'changing the sandbox');
      const parsed = SessionPatchSchema.safeParse(parseJson(await readBody(req)));
      if (!parsed.success) throw new ApiError('BadRequest', `invalid session change: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
      c.updateOptions(parsed.data);
      return json({ ...c.summary(), rights: c.rights });
    }
    case 'POST /faults':
      requireEdit(c, 'fault injection');
      return json(injectFault(c.cluster, parseFault(parseJson(await readBody(req))), c.caller));
    case 'POST /kubectl': {
      const parsed = KubectlSchema.safeParse(parseJson(await readBody(req)));
      if (!parsed.success) throw new ApiError('BadRequest', 'expected {"command": "get pods", "stdin"?: "..."}');
      return json(await runKubectl(c.cluster.env, c.caller, parsed.data.command, parsed.data.stdin));
    }
    case 'DELETE /session':
      requireEdit(c, 'deleting the sandbox');
      await c.destroy();
      return json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 });
    case 'GET /kubeconfig':
      return new Response(c.kubeconfig(), { headers: { 'content-type': 'application/yaml', 'content-disposition': 'attachment; filename="kubeconfig.yaml"' } });
    case 'POST /apply': {
      requireEdit(c, 'apply');
      const text = await readBody(req);
      const dryRun = new URL(req.url).searchParams.getAll('dryRun').includes('All');
      const r = c.cluster.apply(text, c.caller, req.headers.get('content-type'), dryRun);
      return json(r.body, r.status);
    }
    case 'GET /live':
      if (req.headers.get('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError('BadRequest', 'this endpoint speaks WebSocket only');
      return c.acceptLive(req);
    case 'GET /activity':
      return json({ items: c.cluster.recentActivity() });
    default:
      throw new ApiError('NotFound', `no such sandbox endpoint: ${req.method} ${path}`);
  }
}
