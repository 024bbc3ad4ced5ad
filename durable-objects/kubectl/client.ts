// The command box as one more API client: every read and write is a Request through handleApi, so rights,
// validation, admission and the activity feed treat it exactly like a stock kubectl.
import { handleApi, type ApiEnv, type Caller } from '../apiserver/handler.ts';
import type { Status } from '../apiserver/errors.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import type { KubeObject } from '../types.ts';
import { ServerError } from './errors.ts';

/** What kubectl v1.32 reports itself as; the part before `/` becomes the default field manager. */
export const USER_AGENT = 'kubectl/v1.32.0 (kube-sandbox command box)';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
}

export interface KubeList {
  metadata?: { resourceVersion?: string; continue?: string };
  items: KubeObject[];
}

export interface Table {
  metadata?: { resourceVersion?: string };
  columnDefinitions: Array<{ name: string; type: string; format?: string; priority?: number }>;
  rows: Array<{ cells: unknown[]; object?: { metadata?: KubeObject['metadata'] } & Record<string, unknown> }>;
}

/** `/api/v1/namespaces/ns/pods/name/sub` for a kind; `namespace` undefined lists across namespaces. */
export function resourcePath(s: ResourceStrategy, namespace: string | undefined, name?: string, subresource?: string): string {
  let p = s.group ? `/apis/${s.group}/${s.version}` : `/api/${s.version}`;
  if (s.namespaced && namespace !== undefined) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${s.resource}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

export class Client {
  /** The person behind the box, as kubectl would present them to the API. */
  readonly caller: Caller;

  constructor(
    readonly env: ApiEnv,
    caller: Caller,
    /** Where the API's `Warning:` headers go (kubectl prints them on stderr). */
    private readonly onWarning: (text: string) => void = () => {},
  ) {
    // Same person and rights; the agent makes managedFields say "kubectl" as they would for the real client.
    this.caller = { ...caller, userAgent: USER_AGENT };
  }

  get canWrite(): boolean {
    return this.caller.canWrite;
  }

  async raw(method: string, path: string, o: RequestOptions = {}): Promise<Response> {
    const url = new URL(`http://kubectl.internal${path}`);
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, v);
    const headers = new Headers({ accept: o.accept ?? 'application/json', 'user-agent': USER_AGENT });
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers.set('content-type', o.contentType ?? 'application/json');
    }
    const res = await handleApi(this.env, new Request(url, { method, headers, body }), url.pathname, this.caller);
    for (const m of (res.headers.get('warning') ?? '').matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)) this.onWarning(JSON.parse(`"${m[1]}"`) as string);
    return res;
  }

  /** A JSON answer, or a ServerError carrying the Status for anything but 2xx. */
  async request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const res = await this.raw(method, path, o);
    const text = await res.text();
    if (res.status >= 300) throw new ServerError(parseStatus(text, res.status));
    return JSON.parse(text) as T;
  }

  get(s: ResourceStrategy, namespace: string | undefined, name: string): Promise<KubeObject> {
    return this.request<KubeObject>('GET', resourcePath(s, namespace, name));
  }

  list(s: ResourceStrategy, namespace: string | undefined, o: ListOptions = {}): Promise<KubeList> {
    return this.request<KubeList>('GET', resourcePath(s, namespace), { query: { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector } });
  }

  table(s: ResourceStrategy, namespace: string | undefined, name: string | undefined, o: ListOptions = {}, includeObject?: 'Object'): Promise<Table> {
    return this.request<Table>('GET', resourcePath(s, namespace, name), {
      accept: TABLE_ACCEPT,
      query: { labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, includeObject },
    });
  }

  create(s: ResourceStrategy, namespace: string | undefined, body: unknown, query?: Record<string, string>): Promise<KubeObject> {
    return this.request<KubeObject>('POST', resourcePath(s, namespace), { body, query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict', ...query } });
  }

  patch(s: ResourceStrategy, namespace: string | undefined, name: string, type: 'merge' | 'strategic' | 'json', body: unknown, manager: string, subresource?: string): Promise<KubeObject> {
    const contentType = { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json', json: 'application/json-patch+json' }[type];
    return this.request<KubeObject>('PATCH', resourcePath(s, namespace, name, subresource), { body, contentType, query: { fieldManager: manager } });
  }

  delete(s: ResourceStrategy, namespace: string | undefined, name: string, body?: Record<string, unknown>): Promise<KubeObject> {
    return this.request<KubeObject>('DELETE', resourcePath(s, namespace, name), { body: body ?? { propagationPolicy: 'Background' } });
  }

  /** A plain-text subresource (pods/log). */
  async text(path: string, query: Record<string, string | undefined>): Promise<string> {
    const res = await this.raw('GET', path, { query, accept: '*/*' });
    const text = await res.text();
    if (res.status >= 300) throw new ServerError(parseStatus(text, res.status));
    return text;
  }
}

function parseStatus(text: string, code: number): Status {
  try {
    const s = JSON.parse(text) as Status;
    if (s && s.kind === 'Status') return s;
  } catch {
    // not a Status: fall through
  }
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: text || `the server responded with status ${code}`, code };
}
