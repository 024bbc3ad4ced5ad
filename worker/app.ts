// The Worker's routes; every error, here or in a cluster, answers as a Kubernetes Status.
import { Hono } from 'hono';
import type { Env } from './env.ts';
import { ApiError, statusResponse } from '../durable-objects/apiserver/errors.ts';
import { sessions } from './routes/sessions.ts';
import { kube } from './routes/kube.ts';

export const app = new Hono<{ Bindings: Env }>();

app.route('/api/sessions', sessions);
app.route('/clusters', kube);

// The cluster page is the same single-page app; its token travels in the URL fragment, never to the server.
app.get('/s/:id', (c) => c.env.ASSETS.fetch(new Request(new URL('/cluster.html', c.req.url))));

app.all('*', async (c) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    const res = await c.env.ASSETS.fetch(c.req.raw);
    if (res.status !== 404) return res;
  }
  return statusResponse(new ApiError('NotFound', 'the server could not find the requested resource'));
});

app.onError((err) => {
  if (!(err instanceof ApiError)) console.error('worker error', err);
  return statusResponse(err);
});
