// kubectl describe's PrefixWriter: text at indentation levels (two spaces each) into one tabwriter, so the
// tab-separated `Field:\tvalue` lines of a block line up.
import { describeWriter, escapeTerminal, type TabWriter } from '../print.ts';

export class PrefixWriter {
  private readonly w: TabWriter;

  constructor(w?: TabWriter) {
    this.w = w ?? describeWriter();
  }

  /** `level` two-space indents, then the text (which carries its own tabs and newline). */
  write(level: number, text: string): void {
    this.w.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** A whole line with no indent (how `<none>` follows a title). */
  line(text: string): void {
    this.w.write(escapeTerminal(`${text}\n`));
  }

  /** Ends the current alignment block; later lines get their own column widths. */
  flush(): void {
    this.w.flush();
  }

  toString(): string {
    return this.w.toString();
  }
}

/** A writer that does no alignment (kubectl prints `rollout history --revision` through a plain buffer). */
export function plainWriter(): PrefixWriter {
  const raw = { buf: '', write(t: string) { this.buf += t; }, flush() {}, toString() { return this.buf; } };
  return new PrefixWriter(raw as unknown as TabWriter);
}
