// Turns a Kubernetes Status from an apply into messages at editor lines.
import type { Status } from './api.ts';
import { locate } from './yaml-locate.ts';

export interface LineError {
  line?: number;
  column?: number;
  message: string;
}

const AT = /\bline (\d+)(?:, column (\d+))?/;

export function errorLines(text: string, st: Status): LineError[] {
  const out: LineError[] = [];
  const where = { kind: st.details?.kind, name: st.details?.name };
  for (const c of st.details?.causes ?? []) {
    const at = c.field ? AT.exec(c.field) : null;
    if (at) out.push({ line: Number(at[1]), column: at[2] ? Number(at[2]) : undefined, message: c.message ?? '' });
    else if (c.field) out.push({ line: locate(text, c.field, where), message: `${c.field}: ${c.message ?? ''}` });
    else out.push({ message: c.message ?? '' });
  }
  const message = st.message ?? 'apply failed';
  for (const m of message.matchAll(/unknown field "([^"]+)"/g)) out.push({ line: locate(text, m[1]!, where), message: `unknown field "${m[1]}"` });
  if (!out.length) {
    const at = AT.exec(message);
    out.push({ line: at ? Number(at[1]) : undefined, column: at?.[2] ? Number(at[2]) : undefined, message });
  }
  return out;
}
