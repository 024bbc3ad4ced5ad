// Turns a request path into what it addresses, the way apiserver's RequestInfoFactory does.
import { ApiError } from './errors.ts';

export type ApiVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export type RequestInfo =
  | { type: 'nonResource'; path: string }
  | {
      type: 'resource';
      verb: ApiVerb;
      group: string;
      version: string;
      resource: string;
      namespace: string | undefined;
      name: string | undefined;
      subresource: string | undefined;
    };

/** Subresources of a namespace itself, which must not be read as a resource inside that namespace. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter(Boolean).map((seg) => {
    try {
      return decodeURIComponent(seg);
    } catch {
      throw new ApiError('NotFound', 'the server could not find the requested resource');
    }
  });
  if (parts.some((seg) => seg === '.' || seg === '..')) throw new ApiError('BadRequest', 'a path segment may not be "." or ".."');
  let rest: string[];
  let group: string;
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { type: 'nonResource', path: '/' + parts.join('/') };
  }

  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) throw new ApiError('NotFound', 'the server could not find the requested resource');
  const [resource, name, subresource] = rest as [string, string | undefined, string | undefined];
  // A path naming the namespace object itself: /api/v1/namespaces/{name}[/status]
  if (resource === 'namespaces' && namespace !== undefined && name === namespace) namespace = undefined;

  const m = method.toUpperCase();
  const isWatch = legacyWatch || query.get('watch') === 'true' || query.get('watch') === '1';
  let verb: ApiVerb;
  switch (m) {
    case 'GET':
    case 'HEAD':
      verb = isWatch ? 'watch' : name !== undefined ? 'get' : 'list';
      break;
    case 'POST':
      // create is on the collection; a named path takes POST only for subresources (eviction, binding, exec)
      if (name !== undefined && subresource === undefined) throw methodNotAllowed();
      verb = 'create';
      break;
    case 'PUT':
      if (name === undefined) throw methodNotAllowed();
      verb = 'update';
      break;
    case 'PATCH':
      if (name === undefined) throw methodNotAllowed();
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name !== undefined ? 'delete' : 'deletecollection';
      break;
    default:
      throw methodNotAllowed();
  }
  return { type: 'resource', verb, group, version, resource, namespace, name, subresource };
}

const methodNotAllowed = () => new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
