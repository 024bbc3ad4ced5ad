// The contract of a subresource handler (status, scale, log, eviction, binding, finalize).
import type { ApiEnv, Caller } from '../handler.ts';
import type { RequestInfo } from '../request-info.ts';
import type { ResourceStrategy } from '../../registry/strategy.ts';
import type { KubeObject } from '../../types.ts';

export interface SubresourceRequest {
  env: ApiEnv;
  req: Request;
  url: URL;
  info: Extract<RequestInfo, { type: 'resource' }> & { name: string };
  strategy: ResourceStrategy;
  caller: Caller;
  /** Renders an object of the parent kind as the client negotiated. */
  respond(obj: KubeObject, status?: number): Response;
}

export interface Subresource {
  name: string;
  serves(s: ResourceStrategy): boolean;
  handle(r: SubresourceRequest): Promise<Response>;
}
