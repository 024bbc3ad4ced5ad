// RFC 6902 JSON patch (kubectl rollout undo, kubectl patch --type json), failing with kube-apiserver-like messages.
import { ApiError } from '../errors.ts';
import { cloneJson, deepEqual, hasOwn, isObject, setOwn, type Json } from './json-value.ts';

/** kube-apiserver refuses longer patches; the limit keeps one request from monopolising the object. */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: Json }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

function bad(message: string): ApiError {
  return new ApiError('BadRequest', message);
}

// The patch was well formed but does not fit the object: kube-apiserver answers 422 for these.
function notApplicable(message: string): ApiError {
  return new ApiError('Invalid', message);
}

/** Splits a JSON Pointer into unescaped reference tokens. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw bad(`invalid JSON pointer ${JSON.stringify(pointer)}: must be empty or start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw bad(`invalid JSON pointer ${JSON.stringify(pointer)}: bad escape in ${JSON.stringify(token)}`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** Checks the document shape up front, so no operation runs when a later one is malformed. */
export function decodeJsonPatch(patch: unknown): JsonPatchOperation[] {
  if (!Array.isArray(patch)) throw bad(`json: cannot unmarshal ${jsonTypeName(patch)} into Go value of type jsonpatch.Patch`);
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError('RequestEntityTooLarge', `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`);
  }
  return patch.map((raw, i): JsonPatchOperation => {
    if (!isObject(raw)) throw bad(`invalid JSON patch operation at index ${i}: not an object`);
    const op = raw.op;
    if (typeof op !== 'string') throw bad(`invalid JSON patch operation at index ${i}: missing "op"`);
    if (!OPS.has(op)) throw bad(`Unexpected kind: ${op}`);
    const path = raw.path;
    if (typeof path !== 'string') throw bad(`invalid JSON patch operation at index ${i}: ${op} operation is missing "path"`);
    parseJsonPointer(path);
    if (op === 'move' || op === 'copy') {
      const from = raw.from;
      if (typeof from !== 'string') throw bad(`invalid JSON patch operation at index ${i}: ${op} operation is missing "from"`);
      parseJsonPointer(from);
      return { op, from, path };
    }
    if (op === 'remove') return { op, path };
    if (!hasOwn(raw, 'value')) throw bad(`invalid JSON patch operation at index ${i}: ${op} operation is missing "value"`);
    return { op: op as 'add' | 'replace' | 'test', path, value: raw.value as Json };
  });
}

function jsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

// Array indices are plain decimal without leading zeros; anything else is not an index.
function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

/** The value at `tokens`, or undefined when any step is missing. */
function lookup(doc: Json, tokens: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(t);
      cur = i !== undefined && i < cur.length ? cur[i] : undefined;
    } else if (isObject(cur)) {
      cur = hasOwn(cur, t) ? cur[t] : undefined;
    } else {
      return undefined;
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

function add(doc: Json, path: string, value: Json): Json {
  const tokens = parseJsonPointer(path);
  if (tokens.length === 0) return value;
  const key = tokens[tokens.length - 1] as string;
  const parent = lookup(doc, tokens.slice(0, -1));
  if (Array.isArray(parent)) {
    if (key === '-') {
      parent.push(value);
      return doc;
    }
    const i = arrayIndex(key);
    if (i === undefined || i > parent.length) throw notApplicable(`jsonpatch add operation does not apply: invalid index referenced: ${path}`);
    parent.splice(i, 0, value);
    return doc;
  }
  if (isObject(parent)) {
    setOwn(parent, key, value);
    return doc;
  }
  throw notApplicable(`jsonpatch add operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
}

function remove(doc: Json, path: string, opName = 'remove'): Json {
  const tokens = parseJsonPointer(path);
  const missing = () => notApplicable(`jsonpatch ${opName} operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
  if (tokens.length === 0) throw missing();
  const key = tokens[tokens.length - 1] as string;
  const parent = lookup(doc, tokens.slice(0, -1));
  if (Array.isArray(parent)) {
    const i = arrayIndex(key);
    if (i === undefined || i >= parent.length) throw notApplicable(`jsonpatch ${opName} operation does not apply: invalid index referenced: ${path}`);
    parent.splice(i, 1);
    return doc;
  }
  if (isObject(parent) && hasOwn(parent, key)) {
    delete parent[key];
    return doc;
  }
  throw missing();
}

function replace(doc: Json, path: string, value: Json): Json {
  const tokens = parseJsonPointer(path);
  if (tokens.length === 0) return value;
  const key = tokens[tokens.length - 1] as string;
  const parent = lookup(doc, tokens.slice(0, -1));
  if (Array.isArray(parent)) {
    const i = arrayIndex(key);
    if (i === undefined || i >= parent.length) throw notApplicable(`jsonpatch replace operation does not apply: invalid index referenced: ${path}`);
    parent[i] = value;
    return doc;
  }
  if (isObject(parent) && hasOwn(parent, key)) {
    setOwn(parent, key, value);
    return doc;
  }
  throw notApplicable(`jsonpatch replace operation does not apply: doc is missing key: ${path}`);
}

function applyOne(doc: Json, op: JsonPatchOperation): Json {
  switch (op.op) {
    case 'add':
      return add(doc, op.path, cloneJson(op.value));
    case 'remove':
      return remove(doc, op.path);
    case 'replace':
      return replace(doc, op.path, cloneJson(op.value));
    case 'test': {
      const actual = lookup(doc, parseJsonPointer(op.path));
      if (actual === undefined || !deepEqual(actual, op.value)) throw notApplicable(`testing value ${op.path} failed`);
      return doc;
    }
    case 'move': {
      if (op.from === op.path) {
        if (lookup(doc, parseJsonPointer(op.from)) === undefined) throw notApplicable(`jsonpatch move operation does not apply: doc is missing from path: ${op.from}`);
        return doc;
      }
      if (op.path.startsWith(`${op.from}/`)) throw notApplicable(`jsonpatch move operation does not apply: cannot move ${op.from} into its own child ${op.path}`);
      const value = lookup(doc, parseJsonPointer(op.from));
      if (value === undefined) throw notApplicable(`jsonpatch move operation does not apply: doc is missing from path: ${op.from}`);
      return add(remove(doc, op.from, 'move'), op.path, value);
    }
    case 'copy': {
      const value = lookup(doc, parseJsonPointer(op.from));
      if (value === undefined) throw notApplicable(`jsonpatch copy operation does not apply: doc is missing from path: ${op.from}`);
      return add(doc, op.path, cloneJson(value));
    }
  }
}

/** Applies an RFC 6902 patch to a copy of `original`; the input is never modified, and a failure leaves nothing half-applied. */
export function jsonPatch(original: Json, patch: unknown): Json {
  const ops = decodeJsonPatch(patch);
  let doc = cloneJson(original);
  for (const op of ops) doc = applyOne(doc, op);
  return doc;
}
