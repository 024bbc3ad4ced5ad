// RFC 7386 JSON merge patch (kubectl label/annotate/scale, apply and edit of custom resources).
import { cloneJson, isObject, setOwn, type Json, type JsonObject } from './json-value.ts';

// Works in place on a private copy: `target` is always owned by this module, `patch` never is.
function mergeInto(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return cloneJson(patch);
  const out: JsonObject = isObject(target) ? target : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key] as Json;
    if (value === null) delete out[key];
    else setOwn(out, key, mergeInto(out[key], value));
  }
  return out;
}

/** Applies an RFC 7386 merge patch: null deletes, objects merge recursively, anything else replaces. Never mutates its inputs. */
export function mergePatch(original: Json | undefined, patch: Json): Json {
  return mergeInto(original === undefined ? undefined : cloneJson(original), patch);
}
