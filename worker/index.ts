// Entry point: the Worker's fetch handler and the Durable Object class wrangler binds as CLUSTER.
import { app } from './app.ts';
import type { Env } from './env.ts';

export { ClusterObject } from '../durable-objects/cluster-object.ts';

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
} satisfies ExportedHandler<Env>;
