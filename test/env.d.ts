// Types of `env` and `exports` from `cloudflare:workers` in tests: the Worker's own bindings and main module.
declare namespace Cloudflare {
  interface Env {
    CLUSTER: DurableObjectNamespace<import('../durable-objects/cluster-object.ts').ClusterObject>;
    ASSETS: Fetcher;
    SESSION_TTL_SECONDS?: string;
    HISTORY_LIMIT?: string;
  }
  interface GlobalProps {
    mainModule: typeof import('../worker/index.ts');
    durableNamespaces: 'ClusterObject';
  }
}
