// Label and field selectors: the query grammar kubectl sends (`-l`, `--field-selector`) and the LabelSelector objects in specs.
import { ApiError } from './errors.ts';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

/** A parsed label selector: all requirements must hold. An empty list matches everything. */
export type LabelSelector = Requirement[];

/** The LabelSelector shape used in specs (Deployment.spec.selector, affinity terms...). */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

const KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function bad(msg: string): ApiError {
  return new ApiError('BadRequest', `unable to parse requirement: ${msg}`);
}

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function checkKey(key: string): string {
  if (!KEY_RE.test(key) || key.length > 317) throw bad(`invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return key;
}

function checkValue(v: string): string {
  if (v.length > 63 || !VALUE_RE.test(v)) throw bad(`invalid label value: "${v}": at key: must be no more than 63 characters and consist of alphanumeric characters, '-', '_' or '.'`);
  return v;
}

/** Parses the string form (`app=nginx,tier!=db,env in (a,b),!canary`). */
export function parseLabelSelector(input: string | null | undefined): LabelSelector {
  const s = (input ?? '').trim();
  if (!s) return [];
  const reqs: Requirement[] = [];
  for (const raw of splitTop(s)) {
    const part = raw.trim();
    if (!part) throw bad(`found '', expected: identifier`);
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^(\S+?)\s+(in|notin)\s*\((.*)\)$/))) {
      const values = m[3]!.split(',').map((v) => checkValue(v.trim()));
      reqs.push({ key: checkKey(m[1]!), op: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = part.match(/^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/))) {
      reqs.push({ key: checkKey(m[1]!), op: m[2] === '!=' ? 'NotEquals' : 'Equals', values: [checkValue(m[3]!)] });
    } else if ((m = part.match(/^!\s*(\S+)$/))) {
      reqs.push({ key: checkKey(m[1]!), op: 'DoesNotExist', values: [] });
    } else if (/^\S+$/.test(part)) {
      reqs.push({ key: checkKey(part), op: 'Exists', values: [] });
    } else {
      throw bad(`found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return reqs;
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of sel) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      case 'Equals':
      case 'In':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'NotEquals':
      case 'NotIn':
        if (has && r.values.includes(v!)) return false;
        break;
      default: {
        const never: never = r.op;
        throw new Error(`unknown operator ${String(never)}`);
      }
    }
  }
  return true;
}

/** Converts a spec LabelSelector; `undefined` (absent) matches nothing, `{}` matches everything, as in Kubernetes. */
export function fromLabelSelectorSpec(spec: LabelSelectorSpec | undefined | null): LabelSelector | undefined {
  if (!spec) return undefined;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(spec.matchLabels ?? {}).sort(([a], [b]) => a.localeCompare(b))) reqs.push({ key: k, op: 'Equals', values: [v] });
  for (const e of spec.matchExpressions ?? []) {
    const op = ({ In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' } as const)[e.operator as 'In'];
    if (!op) throw new ApiError('BadRequest', `"${e.operator}" is not a valid label selector operator`);
    reqs.push({ key: e.key, op, values: [...(e.values ?? [])] });
  }
  return reqs;
}

/** A spec LabelSelector matches labels (absent selector matches nothing). */
export function specMatches(spec: LabelSelectorSpec | undefined | null, labels: Record<string, string> | undefined): boolean {
  const sel = fromLabelSelectorSpec(spec);
  return sel !== undefined && matchesLabels(sel, labels);
}

/** The string form kubectl prints and Scale.status.selector carries. */
export function formatLabelSelector(sel: LabelSelector): string {
  return sel
    .map((r) => {
      switch (r.op) {
        case 'Equals':
          return `${r.key}=${r.values[0]}`;
        case 'NotEquals':
          return `${r.key}!=${r.values[0]}`;
        case 'In':
          return `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        default: {
          const never: never = r.op;
          return String(never);
        }
      }
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  op: 'Equals' | 'NotEquals';
  value: string;
}

/** Parses `--field-selector` (`status.phase=Running,spec.nodeName!=w1`), checking keys against what the kind supports. */
export function parseFieldSelector(input: string | null | undefined, supported: readonly string[]): FieldRequirement[] {
  const s = (input ?? '').trim();
  if (!s) return [];
  return s.split(',').map((part) => {
    const m = part.trim().match(/^([^!=]+?)\s*(==|!=|=)\s*(.*)$/);
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${part}'; can't understand '${part}'`);
    const field = m[1]!.trim();
    if (!supported.includes(field)) throw new ApiError('BadRequest', `field label not supported: ${field}`);
    return { field, op: m[2] === '!=' ? 'NotEquals' : 'Equals', value: m[3]!.trim() };
  });
}

export function matchesFields(reqs: FieldRequirement[], get: (field: string) => string | undefined): boolean {
  for (const r of reqs) {
    const v = get(r.field) ?? '';
    if (r.op === 'Equals' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
