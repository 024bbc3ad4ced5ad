// Text layout the way kubectl does it: Go's tabwriter (elastic tab stops), server Tables as `kubectl get` prints them,
// and the small formatting helpers (labels, ages, RFC 1123 dates) the printers share.
import { humanDuration } from '../apiserver/table.ts';

export { humanDuration };

/**
 * Go's text/tabwriter with padchar ' ' and no flags: cells end at '\t', a column block is a run of consecutive lines
 * that have a cell in that column, and the text after a line's last tab is never padded.
 */
export class TabWriter {
  private buf = '';
  private out = '';
  constructor(
    private readonly minWidth: number,
    private readonly padding: number,
  ) {}

  write(text: string): void {
    this.buf += text;
  }

  /** Lays out everything written since the last flush; later text gets its own column widths. */
  flush(): void {
    if (!this.buf) return;
    const lines = this.buf.split('\n').map((l) => l.split('\t'));
    this.buf = '';
    const parts: string[] = [];
    const widths: number[] = [];
    const writeLines = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const cells = lines[i]!;
        let text = '';
        for (let j = 0; j < cells.length; j++) {
          const c = cells[j]!;
          text += c;
          if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j]! - runeLength(c)));
        }
        parts.push(i + 1 === lines.length ? text : `${text}\n`);
      }
    };
    const format = (line0: number, line1: number) => {
      const column = widths.length;
      for (let i = line0; i < line1; i++) {
        if (column >= lines[i]!.length - 1) continue;
        writeLines(line0, i);
        line0 = i;
        let width = this.minWidth;
        for (; i < line1; i++) {
          const cells = lines[i]!;
          if (column >= cells.length - 1) break;
          width = Math.max(width, runeLength(cells[column]!) + this.padding);
        }
        widths.push(width);
        format(line0, i);
        widths.pop();
        line0 = i;
      }
      writeLines(line0, line1);
    };
    format(0, lines.length);
    this.out += parts.join('');
  }

  toString(): string {
    this.flush();
    return this.out;
  }
}

function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The writer `kubectl get` prints tables with (cli-runtime: minwidth 6, padding 3). */
export function tableWriter(): TabWriter {
  return new TabWriter(6, 3);
}

/** The writer `kubectl describe` and `rollout history` use (minwidth 0, padding 2). */
export function describeWriter(): TabWriter {
  return new TabWriter(0, 2);
}

/** kubectl escapes terminal control characters in printed values. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/** `k=v,k2=v2` sorted by key, or `<none>` (labels.FormatLabels). */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** Elapsed time as kubectl's describe prints it, or `<unknown>` for a missing time. */
export function since(ts: string | undefined | null, now: number): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`; the zero time for a missing value. */
export function rfc1123z(ts: string | undefined | null): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go's time.RFC3339 in UTC, as `rollout restart` stamps it. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
