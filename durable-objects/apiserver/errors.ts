// The one error path: every failure is an ApiError, rendered as a Kubernetes Status body.

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

export const STATUS_CODES: Record<StatusReason, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Expired: 410,
  Invalid: 422,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  RequestEntityTooLarge: 413,
  UnsupportedMediaType: 415,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
};

/** One field-level problem, as apiserver's field.Error renders it into a StatusCause. */
export interface FieldError {
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueDuplicate'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueTooMany'
    | 'FieldValueTypeInvalid'
    | 'FieldValueNotFound'
    | 'InternalError';
  field: string;
  /** The cause message, e.g. `Invalid value: -1: must be greater than or equal to 0`. */
  message: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: Array<{ type?: string; message: string; field?: string; reason?: string }>;
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason | string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.code = STATUS_CODES[reason];
  }

  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    // apiserver's NotFound always carries details, empty for a path it does not serve; kubectl reads them unguarded
    // (`kubectl debug` dereferences details.name when ephemeral containers answer 404).
    else if (this.reason === 'NotFound') s.details = {};
    return s;
  }
}

/** `deployments.apps` for grouped resources, `pods` for the core group: how apiserver names a resource in messages. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  notFound(resource: string, group: string, name: string): ApiError {
    return new ApiError('NotFound', `${qualifiedResource(resource, group)} "${name}" not found`, { name, group, kind: resource });
  },
  alreadyExists(resource: string, group: string, name: string): ApiError {
    return new ApiError('AlreadyExists', `${qualifiedResource(resource, group)} "${name}" already exists`, { name, group, kind: resource });
  },
  conflict(resource: string, group: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
    return new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": ${why}`, { name, group, kind: resource });
  },
  invalid(kind: string, group: string, name: string, causes: FieldError[]): ApiError {
    const qualified = group ? `${kind}.${group}` : kind;
    const parts = causes.map((c) => `${c.field}: ${c.message}`);
    const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
    return new ApiError('Invalid', `${qualified} "${name}" is invalid: ${joined}`, {
      name,
      group,
      kind,
      causes: causes.map((c) => ({ reason: c.type, message: c.message, field: c.field })),
    });
  },
  badRequest(message: string): ApiError {
    return new ApiError('BadRequest', message);
  },
  forbidden(message: string): ApiError {
    return new ApiError('Forbidden', message);
  },
  expired(message = 'too old resource version'): ApiError {
    return new ApiError('Expired', message);
  },
  methodNotAllowed(message: string): ApiError {
    return new ApiError('MethodNotAllowed', message);
  },
};

/** Renders any thrown value as a Status; non-ApiErrors become InternalError without leaking a stack. */
export function toStatus(err: unknown): Status {
  if (err instanceof ApiError) return err.toStatus();
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('InternalError', `Internal error occurred: ${message}`).toStatus();
}

export function successStatus(details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}

export function statusResponse(err: unknown, headers?: HeadersInit): Response {
  const status = toStatus(err);
  const h = new Headers(headers);
  h.set('content-type', 'application/json');
  if (status.code === 429 || status.code === 503) h.set('retry-after', String(status.details?.retryAfterSeconds ?? 1));
  return new Response(JSON.stringify(status), { status: status.code, headers: h });
}
