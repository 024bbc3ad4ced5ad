import { DurableObject } from 'cloudflare:workers';
export interface Env { CLUSTER: DurableObjectNamespace<ClusterObject>; ASSETS: Fetcher }
export class ClusterObject extends DurableObject<Env> {
  override async fetch(req: Request) {
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS t(x)');
    this.ctx.storage.sql.exec('INSERT INTO t VALUES (1)');
    const n = this.ctx.storage.sql.exec('SELECT count(*) AS n FROM t').one().n;
    return new Response(`count ${n}`);
  }
}
export default {
  async fetch(req: Request, env: Env) {
    const u = new URL(req.url);
    if (u.pathname === '/do') return env.CLUSTER.get(env.CLUSTER.idFromName('a')).fetch(req);
    return env.ASSETS.fetch(req);
  },
} satisfies ExportedHandler<Env>;
