// Kubernetes API paths of a cluster: `/clusters/{id}/t/{token}/...` (kubeconfigs: kubectl sends no bearer token over
// plain http) and `/clusters/{id}/...` with `Authorization: Bearer` (REST clients, https).
import { Hono } from 'hono';
import type { Env } from '../env.ts';
import { bearer, forward } from '../forward.ts';

export const kube = new Hono<{ Bindings: Env }>();

kube.all('/:id/t/:token/*', (c) => {
  const { id, token } = c.req.param() as { id: string; token: string };
  const prefix = `/clusters/${id}/t/${token}`;
  const rest = new URL(c.req.url).pathname.slice(prefix.length) || '/';
  return forward(c.env, c.req.raw, id, `/k8s${rest}`, token);
});

kube.all('/:id/*', (c) => {
  const id = c.req.param('id')!;
  const rest = new URL(c.req.url).pathname.slice(`/clusters/${id}`.length) || '/';
  return forward(c.env, c.req.raw, id, `/k8s${rest}`, bearer(c.req.raw));
});
