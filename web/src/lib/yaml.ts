// Objects as `kubectl get -o yaml` prints them: keys sorted, lists flush with their key, go-yaml's quoting rules.

const TYPED = /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$/;
/** An indicator that cannot start a plain scalar (`-`, `?`, `:` only when a space or the end follows, as in `- x`). */
const SPECIAL_START = /^(?:[,[\]{}#&*!|>'"%@`\s]|[-?:](?:\s|$))/;

/** A string scalar: plain when it reads back as the same string, double-quoted when it would read as another type. */
function str(s: string): string {
  if (s === '') return '""';
  if (TYPED.test(s)) return JSON.stringify(s);
  if (SPECIAL_START.test(s) || /\s$/.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':') || /[\u0000-\u001f\u007f]/.test(s)) {
    return /[\u0000-\u001f\u007f]/.test(s) ? JSON.stringify(s) : `'${s.replaceAll("'", "''")}'`;
  }
  return s;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return str(v);
  return String(v);
}

function isEmpty(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

function block(s: string, pad: string): string {
  const chomp = s.endsWith('\n') ? '' : '-';
  const body = s.replace(/\n$/, '').split('\n').map((l) => (l ? pad + l : '')).join('\n');
  return `|${chomp}\n${body}`;
}

function emit(v: unknown, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      const e = isEmpty(item);
      if (item && typeof item === 'object' && !e) {
        const lines: string[] = [];
        emit(item, indent + 2, lines);
        out.push(`${pad}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1));
      } else out.push(`${pad}- ${e ?? (typeof item === 'string' && item.includes('\n') ? block(item, pad + '  ') : scalar(item))}`);
    }
    return;
  }
  const obj = v as Record<string, unknown>;
  for (const k of Object.keys(obj).sort()) {
    const val = obj[k];
    if (val === undefined) continue;
    const key = str(k);
    const e = isEmpty(val);
    if (e) out.push(`${pad}${key}: ${e}`);
    else if (Array.isArray(val)) {
      out.push(`${pad}${key}:`);
      emit(val, indent, out);
    } else if (val && typeof val === 'object') {
      out.push(`${pad}${key}:`);
      emit(val, indent + 2, out);
    } else if (typeof val === 'string' && val.includes('\n')) out.push(`${pad}${key}: ${block(val, pad + '  ')}`);
    else out.push(`${pad}${key}: ${scalar(val)}`);
  }
}

/** kubectl drops managedFields from `-o yaml` unless asked for them. */
export function toYaml(obj: unknown): string {
  const o = structuredClone(obj) as { metadata?: { managedFields?: unknown } };
  if (o?.metadata) delete o.metadata.managedFields;
  const out: string[] = [];
  emit(o, 0, out);
  return out.join('\n') + '\n';
}
