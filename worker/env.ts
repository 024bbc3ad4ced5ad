// Bindings the Worker receives (wrangler.toml).
import type { ClusterObject } from '../durable-objects/cluster-object.ts';

export interface Env {
  CLUSTER: DurableObjectNamespace<ClusterObject>;
  ASSETS: Fetcher;
  SESSION_TTL_SECONDS?: string;
  HISTORY_LIMIT?: string;
}
