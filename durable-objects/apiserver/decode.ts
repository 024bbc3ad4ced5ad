// Request bodies: size, content type and nesting limits first, then JSON or YAML decoding; bad input is a 4xx, never a crash.
import { parseAllDocuments, type Document } from 'yaml';
import { ApiError } from './errors.ts';

/** apiserver's request body limit. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Deeper documents are refused before parsing so no recursive walk can overflow. */
export const MAX_DEPTH = 100;

export type BodyFormat = 'json' | 'yaml';

/** Reads the body, enforcing the size limit while streaming so an oversized upload is never buffered whole. */
export async function readBody(req: Request): Promise<string> {
  const buf = await readLimited(req);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new ApiError('BadRequest', 'the request body is not valid UTF-8');
  }
}

/** The raw body bytes, refusing (413) anything over the limit without reading further. */
export async function readLimited(req: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const buf = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    buf.set(c, off);
    off += c.byteLength;
  }
  return buf;
}

function tooLarge(): ApiError {
  return new ApiError('RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
}

/** Scans brackets outside strings; cheap, and it makes every later recursive walk safe. */
export function checkDepth(text: string, max = MAX_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) throw new ApiError('BadRequest', `the request body nests deeper than ${max} levels`);
    } else if (c === 125 || c === 93) depth--;
  }
}

export function parseJson(text: string): unknown {
  checkDepth(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError('BadRequest', `error decoding JSON body: ${(e as Error).message}`);
  }
}

export interface YamlDoc {
  value: unknown;
  /** 1-based line where this document starts, for messages. */
  line: number;
}

/** Decodes one or many YAML documents (`---`); a syntax error names its line and column; aliases are capped. */
export function parseYamlDocuments(text: string): YamlDoc[] {
  checkDepth(text);
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, strict: true }) as Document.Parsed[];
  } catch (e) {
    throw new ApiError('BadRequest', `error parsing YAML: ${(e as Error).message}`);
  }
  if (!Array.isArray(docs)) docs = [docs];
  const lineOf = lineIndex(text);
  const out: YamlDoc[] = [];
  for (const d of docs) {
    const err = d.errors[0];
    if (err) {
      const [line, col] = err.linePos?.[0] ? [err.linePos[0].line, err.linePos[0].col] : lineOf(err.pos[0]);
      const first = err.message.split('\n')[0];
      throw new ApiError('BadRequest', `error parsing YAML at line ${line}, column ${col}: ${first}`, {
        causes: [{ reason: 'FieldValueInvalid', message: first ?? 'YAML syntax error', field: `line ${line}, column ${col}` }],
      });
    }
    if (d.contents === null) continue;
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new ApiError('BadRequest', `error parsing YAML: ${(e as Error).message}`);
    }
    const start = d.contents?.range?.[0] ?? 0;
    const depthProbe = JSON.stringify(value ?? null);
    if (depthProbe.length > MAX_BODY_BYTES * 2) throw tooLarge();
    checkDepth(depthProbe);
    out.push({ value, line: lineOf(start)[0] });
  }
  return out;
}

function lineIndex(text: string): (pos: number) => [number, number] {
  return (pos) => {
    let line = 1;
    let last = -1;
    for (let i = 0; i < pos && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        last = i;
      }
    }
    return [line, pos - last];
  };
}

/** Decodes a write body by its content type: JSON, or YAML for the types that allow it. */
export function decodeBody(text: string, contentType: string | null): unknown {
  const ct = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (!text.trim()) throw new ApiError('BadRequest', 'the request body is empty');
  switch (ct) {
    case 'application/json':
    case 'application/merge-patch+json':
    case 'application/json-patch+json':
    case 'application/strategic-merge-patch+json':
    case '':
      return parseJson(text);
    case 'application/yaml':
    case 'application/apply-patch+yaml':
    case 'text/yaml':
    case 'application/x-yaml': {
      const docs = parseYamlDocuments(text);
      if (docs.length !== 1) throw new ApiError('BadRequest', `expected exactly one YAML document, got ${docs.length}`);
      return docs[0]!.value;
    }
    default:
      throw new ApiError('UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/merge-patch+json, application/json-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml`);
  }
}
