// The REST calls the cluster page makes, all with the link's bearer token; errors come back as Kubernetes Status.

export interface Status {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
  details?: { name?: string; kind?: string; group?: string; causes?: Array<{ field?: string; message?: string; reason?: string }> };
}

export interface SessionInfo {
  id: string;
  expiresAt: string;
  options: { workers: number; controlPlanes: number; profile: string; network: string };
  rights: 'edit' | 'view';
  user: string;
  apiServer: string;
  /** Not served yet: lets an edit page that did not create the cluster offer its view link. */
  viewUrl?: string;
}

export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  action: string;
  message: string;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export type Fault =
  | { action: 'fail-node' | 'recover-node'; node: string }
  | { action: 'crash-container'; namespace: string; pod: string; container?: string }
  | { action: 'delete-pod'; namespace: string; pod: string };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Status,
  ) {
    super(body.message || `HTTP ${status}`);
  }
}

/** Paths of the resources the page shows, for GETs of one object. */
const BASES: Record<string, string> = {
  pods: '/api/v1',
  nodes: '/api/v1',
  services: '/api/v1',
  endpoints: '/api/v1',
  events: '/api/v1',
  namespaces: '/api/v1',
  'deployments.apps': '/apis/apps/v1',
  'replicasets.apps': '/apis/apps/v1',
};

export class Api {
  /** Shown on the activity feed once the server reads it (see the web UI notes). */
  displayName = '';

  constructor(
    readonly id: string,
    private readonly token: string,
  ) {}

  private async call<T>(path: string, init: RequestInit = {}, parse: 'json' | 'text' = 'json'): Promise<T> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    if (this.displayName) headers.set('x-sandbox-display-name', encodeURIComponent(this.displayName));
    const res = await fetch(path, { ...init, headers });
    const text = await res.text();
    if (!res.ok) {
      let body: Status = { message: text.slice(0, 500) || res.statusText };
      try {
        body = JSON.parse(text) as Status;
      } catch {
        // not a Status: keep the text
      }
      throw new ApiFailure(res.status, body);
    }
    return (parse === 'json' ? JSON.parse(text) : text) as T;
  }

  session(): Promise<SessionInfo> {
    return this.call(`/api/sessions/${this.id}`);
  }

  kubeconfig(): Promise<string> {
    return this.call(`/api/sessions/${this.id}/kubeconfig`, {}, 'text');
  }

  apply(yaml: string): Promise<{ results: ApplyResult[] }> {
    return this.call(`/api/sessions/${this.id}/apply`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: yaml });
  }

  kubectl(command: string, stdin?: string): Promise<KubectlResult> {
    return this.call(`/api/sessions/${this.id}/kubectl`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(stdin === undefined ? { command } : { command, stdin }) });
  }

  fault(f: Fault): Promise<{ message: string }> {
    return this.call(`/api/sessions/${this.id}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });
  }

  /** One object as the API serves it (the live feed's copies lack kubectl's last-applied annotation). */
  object(resource: string, name: string, namespace?: string): Promise<Record<string, unknown>> {
    const [plural] = resource.split('.');
    const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return this.call(`/clusters/${this.id}${BASES[resource] ?? '/api/v1'}${ns}/${plural}/${encodeURIComponent(name)}`);
  }
}
