// The public REST contract for sandboxes: create one, and reach its session endpoints with a bearer token.
import { Hono } from 'hono';
import type { Env } from '../env.ts';
import { ApiError, errors } from '../../durable-objects/apiserver/errors.ts';
import { SessionOptionsSchema } from '../../durable-objects/session/options.ts';
import { newSessionId, newToken, viewTokenFor } from '../../durable-objects/session/ids.ts';
import { kubeconfig, serverUrl } from '../../durable-objects/session/kubeconfig.ts';
import { bearer, clusterStub, forward } from '../forward.ts';

export const sessions = new Hono<{ Bindings: Env }>();

async function options(req: Request) {
  const text = await req.text();
  if (text.length > 4096) throw new ApiError('RequestEntityTooLarge', 'session options must be under 4 KiB');
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new ApiError('BadRequest', `error decoding JSON body: ${(e as Error).message}`);
    }
  }
  const parsed = SessionOptionsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw errors.invalid(
      'Session',
      '',
      '',
      parsed.error.issues.map((i) => ({ type: 'FieldValueInvalid', field: i.path.join('.') || 'body', message: `Invalid value: ${i.message}` })),
    );
  }
  return parsed.data;
}

sessions.post('/', async (c) => {
  const opts = await options(c.req.raw);
  const ttlSeconds = opts.ttlSeconds ?? (Number(c.env.SESSION_TTL_SECONDS) || 4 * 3600);
  const id = newSessionId();
  const token = newToken();
  const viewToken = await viewTokenFor(token);
  const summary = await clusterStub(c.env, id).create({ id, token, viewToken, options: opts, ttlSeconds });
  const origin = new URL(c.req.url).origin;
  return c.json(
    {
      id,
      editUrl: `${origin}/s/${id}#${token}`,
      viewUrl: `${origin}/s/${id}#${viewToken}`,
      token,
      viewToken,
      apiServer: `${origin}/clusters/${id}`,
      kubeconfig: kubeconfig({ origin, id, token, rights: 'edit' }),
      viewKubeconfig: kubeconfig({ origin, id, token: viewToken, rights: 'view' }),
      kubeServer: serverUrl(origin, id, token),
      expiresAt: summary.expiresAt,
      options: summary.options,
    },
    201,
  );
});

const endpoints: Array<[string, string, string]> = [
  ['get', '/:id', '/session'],
  ['delete', '/:id', '/session'],
  ['patch', '/:id', '/session'],
  ['get', '/:id/kubeconfig', '/kubeconfig'],
  ['post', '/:id/faults', '/faults'],
  ['post', '/:id/kubectl', '/kubectl'],
  ['post', '/:id/apply', '/apply'],
  ['get', '/:id/activity', '/activity'],
];
// The web view's WebSocket: browsers cannot set headers, so the token rides in the subprotocol list
// (`kube-sandbox, token.<token>`) or, failing that, the query string.
sessions.get('/:id/live', (c) => {
  const protocols = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
  const token = protocols.find((p) => p.startsWith('token.'))?.slice('token.'.length) ?? c.req.query('token') ?? bearer(c.req.raw);
  return forward(c.env, c.req.raw, c.req.param('id'), '/live', token ?? null);
});

for (const [method, route, internal] of endpoints) {
  sessions.on(method.toUpperCase(), route, (c) => forward(c.env, c.req.raw, c.req.param('id')!, internal, bearer(c.req.raw)));
}
