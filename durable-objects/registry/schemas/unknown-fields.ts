// Finds (and optionally prunes) fields a kind does not define, for fieldValidation=Strict/Warn/Ignore; walks the zod shapes directly.
import type { z } from 'zod';
import { namedSchemas } from './dsl.ts';
import './kinds.ts'; // every kind module registers its named types on import

/** What the walker needs from a schema: known properties, map values, list items; nothing else means "stop here". */
interface Shape {
  props?: Map<string, Shape>;
  values?: Shape;
  items?: Shape;
}

const FREE: Shape = {};
// Keyed by zod def: field copies made by req()/opt() share their def, so each shape is built once.
const byDef = new WeakMap<object, Shape>();

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

function shapeOf(schema: z.ZodType): Shape {
  const def = schema._zod.def as unknown as Def;
  const hit = byDef.get(def);
  if (hit) return hit;
  const shape: Shape = {};
  byDef.set(def, shape); // before descending, so a recursive type would not loop
  switch (def.type) {
    case 'optional':
      Object.assign(shape, shapeOf(def.innerType!));
      break;
    case 'object': {
      const props = new Map<string, Shape>();
      for (const [k, v] of Object.entries(def.shape!)) props.set(k, shapeOf(v));
      shape.props = props;
      break;
    }
    case 'array':
      shape.items = shapeOf(def.element!);
      break;
    case 'record':
      shape.values = shapeOf(def.valueType!);
      break;
    default:
      return Object.assign(shape, FREE);
  }
  return shape;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function walk(shape: Shape, value: unknown, path: string, out: string[], prune: boolean): void {
  if (shape.items) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(shape.items!, v, `${path}[${i}]`, out, prune));
    return;
  }
  if (!isObject(value)) return;
  if (shape.props) {
    for (const key of Object.keys(value)) {
      const child = shape.props.get(key);
      const p = path ? `${path}.${key}` : key;
      if (child) walk(child, value[key], p, out, prune);
      else {
        out.push(p);
        if (prune) delete value[key];
      }
    }
  } else if (shape.values) {
    for (const key of Object.keys(value)) walk(shape.values, value[key], path ? `${path}.${key}` : key, out, prune);
  }
}

/** Property names per definition, as the walker sees them (tests compare this with the OpenAPI output). */
export function knownProperties(definitionName: string): string[] | undefined {
  const schema = namedSchemas.get(definitionName);
  const props = schema && shapeOf(schema).props;
  return props && [...props.keys()];
}

/**
 * Dotted paths (`spec.foo`, `spec.template.spec.containers[0].foo`) of fields `definitionName` does not know.
 * With `prune`, they are also deleted from `obj` (fieldValidation=Ignore/Warn goes on without them).
 * Maps (labels, data, nodeSelector, capacity, ...) accept any key; managedFields[].fieldsV1 is free-form.
 */
export function findUnknownFields(definitionName: string, obj: unknown, opts: { prune: boolean } = { prune: false }): string[] {
  const schema = namedSchemas.get(definitionName);
  if (!schema) throw new Error(`unknown OpenAPI definition ${definitionName}`);
  const out: string[] = [];
  walk(shapeOf(schema), obj, '', out, opts.prune);
  return out;
}
