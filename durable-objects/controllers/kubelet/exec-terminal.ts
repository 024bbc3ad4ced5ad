// The line editing a shell does on a terminal in raw mode (`kubectl exec -it`): echo, cursor keys, backspace and
// delete, history, Ctrl-A/E/K/U/W/L, and Ctrl-C / Ctrl-D handed back to the session. It only draws: the session runs
// the lines it hands back.

export type KeyAction = { t: 'line'; line: string } | { t: 'interrupt' } | { t: 'eof' };

const HISTORY = 200;

export class LineEditor {
  private buf = '';
  private cursor = 0;
  private readonly history: string[] = [];
  /** Index into history while browsing with the arrows (history.length: the line being typed). */
  private browse = 0;
  private draft = '';
  /** An escape sequence being read (`\x1b[`...). */
  private esc = '';

  constructor(
    private readonly write: (text: string) => void,
    /** The prompt, for Ctrl-L's redraw. */
    private readonly prompt: () => string,
  ) {}

  /** Whether something is typed on the current line (Ctrl-D ends the shell only on an empty one). */
  get empty(): boolean {
    return this.buf === '';
  }

  /** Handles typed characters, calling `act` for each finished line, ^C or ^D in order. */
  feed(input: string, act: (a: KeyAction) => void): void {
    for (const ch of input) {
      if (this.esc) {
        this.escape(ch);
        continue;
      }
      const code = ch.codePointAt(0)!;
      switch (code) {
        case 0x0d: // Enter (raw mode sends CR)
        case 0x0a: {
          const line = this.buf;
          this.write('\r\n');
          this.buf = '';
          this.cursor = 0;
          if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
          if (this.history.length > HISTORY) this.history.shift();
          this.browse = this.history.length;
          act({ t: 'line', line });
          break;
        }
        case 0x03: // Ctrl-C: the line is dropped
          this.write('^C\r\n');
          this.buf = '';
          this.cursor = 0;
          this.browse = this.history.length;
          act({ t: 'interrupt' });
          break;
        case 0x04: // Ctrl-D: end of input on an empty line, otherwise delete under the cursor
          if (this.buf === '') act({ t: 'eof' });
          else this.deleteAt();
          break;
        case 0x7f: // Backspace (DEL) and Ctrl-H
        case 0x08:
          if (this.cursor > 0) {
            this.cursor--;
            this.write('\b');
            this.deleteAt();
          }
          break;
        case 0x01: // Ctrl-A
          this.home();
          break;
        case 0x05: // Ctrl-E
          this.end();
          break;
        case 0x02: // Ctrl-B
          this.left();
          break;
        case 0x06: // Ctrl-F
          this.right();
          break;
        case 0x0b: // Ctrl-K: kill to the end
          this.replace(this.buf.slice(0, this.cursor), this.cursor);
          break;
        case 0x15: // Ctrl-U: kill to the start
          this.replace(this.buf.slice(this.cursor), 0);
          break;
        case 0x17: {
          // Ctrl-W: kill the word before the cursor
          const before = this.buf.slice(0, this.cursor).replace(/\S+\s*$/, '');
          this.replace(before + this.buf.slice(this.cursor), before.length);
          break;
        }
        case 0x0c: // Ctrl-L: clear the screen, redraw the line
          this.write(`\x1b[H\x1b[J${this.prompt()}${this.buf}${'\b'.repeat(this.buf.length - this.cursor)}`);
          break;
        case 0x1b:
          this.esc = ch;
          break;
        case 0x09: // Tab: no completion here
          this.write('\x07');
          break;
        default:
          if (code < 0x20) break;
          this.insert(ch);
      }
    }
  }

  private escape(ch: string): void {
    this.esc += ch;
    const seq = this.esc;
    if (seq.length === 2) {
      if (ch !== '[' && ch !== 'O') this.esc = '';
      return;
    }
    // CSI parameters are digits and ';'; the final byte ends the sequence.
    if (/[0-9;]/.test(ch)) return;
    this.esc = '';
    switch (seq.slice(2)) {
      case 'A':
        return this.historyMove(-1);
      case 'B':
        return this.historyMove(1);
      case 'C':
        return this.right();
      case 'D':
        return this.left();
      case 'H':
      case '1~':
      case '7~':
        return this.home();
      case 'F':
      case '4~':
      case '8~':
        return this.end();
      case '3~':
        return this.deleteAt();
      default:
    }
  }

  private insert(ch: string): void {
    const rest = this.buf.slice(this.cursor);
    this.buf = this.buf.slice(0, this.cursor) + ch + rest;
    this.cursor += ch.length;
    this.write(ch + rest + '\b'.repeat(rest.length));
  }

  /** Deletes the character under the cursor and redraws the rest of the line. */
  private deleteAt(): void {
    if (this.cursor >= this.buf.length) return;
    const rest = this.buf.slice(this.cursor + 1);
    this.buf = this.buf.slice(0, this.cursor) + rest;
    this.write(`${rest} ${'\b'.repeat(rest.length + 1)}`);
  }

  private left(): void {
    if (this.cursor === 0) return;
    this.cursor--;
    this.write('\b');
  }

  private right(): void {
    if (this.cursor >= this.buf.length) return;
    this.write(this.buf[this.cursor]!);
    this.cursor++;
  }

  private home(): void {
    this.write('\b'.repeat(this.cursor));
    this.cursor = 0;
  }

  private end(): void {
    this.write(this.buf.slice(this.cursor));
    this.cursor = this.buf.length;
  }

  /** Replaces the whole line on screen and puts the cursor at `at`. */
  private replace(text: string, at: number): void {
    const old = this.buf;
    this.write('\b'.repeat(this.cursor));
    const pad = Math.max(0, old.length - text.length);
    this.write(text + ' '.repeat(pad) + '\b'.repeat(pad + text.length - at));
    this.buf = text;
    this.cursor = at;
  }

  private historyMove(d: number): void {
    const next = this.browse + d;
    if (next < 0 || next > this.history.length) return;
    if (this.browse === this.history.length) this.draft = this.buf;
    this.browse = next;
    const text = next === this.history.length ? this.draft : this.history[next]!;
    this.replace(text, text.length);
  }
}
