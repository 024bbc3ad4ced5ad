// Content negotiation: which representation a client asked for in Accept (object, Table, metadata only, YAML).
import { ApiError } from './errors.ts';
import type { IncludeObject } from './table.ts';

export type Representation =
  | { format: 'json' }
  | { format: 'yaml' }
  | { format: 'table'; include: IncludeObject }
  | { format: 'partial' };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((p) => p.trim());
      const out: Record<string, string> = {};
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0) out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
      }
      return { type: (type ?? '').toLowerCase(), params: out };
    })
    .filter((m) => m.type);
}

/** Picks the first acceptable media range in the client's order; protobuf/CBOR-only clients get 406. */
export function negotiate(accept: string | null, includeObject: string | null): Representation {
  if (!accept) return { format: 'json' };
  const ranges = parseAccept(accept);
  for (const m of ranges) {
    const json = m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*';
    if (json && m.params.as) {
      if (m.params.g !== 'meta.k8s.io') continue;
      if (m.params.as === 'Table') {
        const inc = includeObject === 'None' || includeObject === 'Object' ? includeObject : 'Metadata';
        return { format: 'table', include: inc };
      }
      if (m.params.as === 'PartialObjectMetadata' || m.params.as === 'PartialObjectMetadataList') return { format: 'partial' };
      continue;
    }
    if (json) return { format: 'json' };
    if (m.type === 'application/yaml' || m.type === 'text/yaml') return { format: 'yaml' };
  }
  throw new ApiError('NotAcceptable', `only the following media types are accepted: application/json, application/yaml`);
}
