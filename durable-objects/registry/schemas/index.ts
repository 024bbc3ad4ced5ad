// The public face of the schemas: per-kind zod schemas and types, OpenAPI definitions, validation and field helpers.
import type { FieldError } from '../../apiserver/errors.ts';
import { collector } from './dsl.ts';
import type { Path } from './field-errors.ts';
import { checkLabelSelector, checkLabels, type LabelSelectorShape } from './meta.ts';

export * from './meta.ts';
export * from './core-common.ts';
export * from './probes.ts';
export * from './env.ts';
export * from './security.ts';
export * from './container.ts';
export * from './volumes.ts';
export * from './scheduling.ts';
export * from './pod.ts';
export * from './node.ts';
export * from './service.ts';
export * from './endpoints.ts';
export * from './config.ts';
export * from './events.ts';
export * from './apps.ts';
export * from './misc.ts';

export { SCHEMA_OF, DEFINITION_OF, kindKey, schemaFor, type KindKey } from './kinds.ts';
export { definitions, SCHEMA_REF_PREFIX } from './openapi.ts';
export { findUnknownFields } from './unknown-fields.ts';
export { validateObject, dropNulls } from './validate.ts';
export { formatFieldPath, formatValue, mapKey, fieldError, typeInvalid, type Path } from './field-errors.ts';
export { collector, IntOrStringSchema, type Rules } from './dsl.ts';
export { parseQuantity, type ParsedQuantity } from './quantity.ts';
export { isIP, isIPv4, isIPv6, isCIDR } from './net.ts';
export {
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1035Label,
  isQualifiedName,
  isValidLabelValue,
  isConfigMapKey,
  isValidPortName,
  nameProblems,
  validateDNS1123Subdomain,
  validateDNS1123Label,
  validateDNS1035Label,
  validateQualifiedName,
  validateLabelValue,
  validateConfigMapKey,
  validatePortName,
  type NameRule,
} from './names.ts';

/** A number or a string, e.g. maxSurge (25% or 1) or a target port (8080 or "http"). */
export type IntOrString = number | string;

/** metav1 label selector rules (keys, values, operators and their values) for a selector at `field`, e.g. `spec.selector`. */
export function validateLabelSelectorSyntax(selector: LabelSelectorShape, field: string | Path): FieldError[] {
  const c = collector(field);
  checkLabelSelector(c, selector);
  return c.errors;
}

/** Label key and value rules for a label map at `field`, e.g. `metadata.labels`. */
export function validateLabels(labels: Record<string, string> | undefined, field: string | Path): FieldError[] {
  const c = collector(field);
  checkLabels(c, [], labels);
  return c.errors;
}
