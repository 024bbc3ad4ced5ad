// The processes `kubectl exec` starts, as the streams see them: a shell reading commands from stdin (with a prompt
// and line editing on a terminal, plain lines otherwise), one command run to its end, or `cat` copying stdin. Each
// line runs synchronously in the simulated shell on virtual time; a program that never returns keeps the session
// busy until Ctrl-C or the client leaves.
import { LineEditor, type KeyAction } from './exec-terminal.ts';
import { parseScript } from './shell-parse.ts';
import type { LineEnd, ShellEvent, ShellSession } from './shell.ts';

export type ExecEnd = { code: number } | { failure: string };

/** Where a process's output and its end go (the WebSocket, or a buffer for the command box). */
export interface ExecSink {
  output(text: string, err: boolean): void;
  end(e: ExecEnd): void;
}

/** A started process: what the client sends it. */
export interface ExecProcess {
  input(text: string): void;
  /** stdin reached its end (v5's close signal, or the command box's stdin). */
  closeInput(): void;
  /** The client went away: stop without a word. */
  hangUp(): void;
}

/** busybox ash (busybox, alpine), dash (Debian's sh) or bash. */
export type ShellKind = 'ash' | 'dash' | 'bash';

/** What the processes of one exec can reach in the container. */
export interface ExecWorld {
  tty: boolean;
  hostname: string;
  root: boolean;
  /** A new shell of this kind over the container's files, starting with these variables. */
  shell(kind: ShellKind, vars?: Record<string, string>): ShellSession;
  /** Which shell a name starts in this image, or undefined when the image lacks it. */
  shellKind(name: string): ShellKind | undefined;
  /** Milliseconds since the exec started. */
  elapsed(): number;
  /** Records what a session changed in the container's files. */
  sync(session: ShellSession): void;
}

/** Output past these is taken as a program that does not end by itself (an endless loop). */
const MAX_LINES = 5_000;
const MAX_VIRTUAL_MS = 10 * 60_000;

/** Runs one line to its end; output is written as it comes. A line that prints or sleeps without end is 'forever'. */
export function drain(gen: Generator<ShellEvent, LineEnd>, out: (text: string, err: boolean) => void): LineEnd {
  let lines = 0;
  let first: number | undefined;
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    const e = r.value;
    first ??= e.t;
    if (e.kind === 'out') out(e.partial ? e.text : `${e.text}\n`, e.err);
    if (++lines > MAX_LINES || e.t - first > MAX_VIRTUAL_MS) return { s: 'forever' };
  }
}

const PS2 = '> ';

/** Whether a command line needs more lines (open quotes, a trailing pipe or backslash, an unclosed loop or if). */
export function incomplete(src: string): boolean {
  if (/\\$/.test(src) || /(\|\||&&|\|)\s*$/.test(src)) return true;
  let quote: string | undefined;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(src[i - 1]!))) {
      const nl = src.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    }
  }
  if (quote) return true;
  try {
    parseScript(src);
    return false;
  } catch {
    const words = src.split(/[\s;&|()]+/);
    const count = (...ws: string[]) => words.filter((w) => ws.includes(w)).length;
    return count('for', 'while', 'until') > count('done') || count('if') > count('fi') || count('{') > count('}') || count('case') > count('esac');
  }
}

function prompt(kind: ShellKind, vars: Record<string, string>, hostname: string, root: boolean): string {
  const cwd = vars.PWD ?? '/';
  const home = vars.HOME ?? '/root';
  const w = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  const sign = root ? '#' : '$';
  if (kind === 'bash') return `${root ? 'root' : 'I have no name!'}@${hostname}:${w}${sign} `;
  if (kind === 'dash') return `${sign} `;
  return `${w} ${sign} `;
}

/** Output as the client sees it: a terminal turns `\n` into `\r\n` and has no separate stderr. */
function writer(world: ExecWorld, sink: ExecSink): (text: string, err: boolean) => void {
  return world.tty ? (text) => sink.output(text.replace(/\r?\n/g, '\r\n'), false) : (text, err) => sink.output(text, err);
}

/** A process that ran once and is either over or runs until interrupted. */
export class OneShot implements ExecProcess {
  private over = false;

  constructor(
    private readonly world: ExecWorld,
    private readonly sink: ExecSink,
    run: (out: (text: string, err: boolean) => void) => LineEnd,
  ) {
    const end = run(writer(world, sink));
    if (end.s !== 'forever') this.finish(end.code);
  }

  private finish(code: number): void {
    if (this.over) return;
    this.over = true;
    this.sink.end({ code });
  }

  input(text: string): void {
    if (this.over || !this.world.tty) return;
    // The terminal's line discipline: typed keys echo while the program runs; Ctrl-C interrupts it.
    const cut = text.indexOf('\x03');
    const echo = (cut < 0 ? text : text.slice(0, cut)).replace(/\r/g, '\r\n');
    if (echo) this.sink.output(echo, false);
    if (cut >= 0) {
      this.sink.output('^C', false);
      this.finish(130);
    }
  }

  closeInput(): void {}

  hangUp(): void {
    this.over = true;
  }
}

/** `cat` with nothing to read but stdin: copies it to stdout until it ends. */
export class StdinCopy implements ExecProcess {
  private over = false;

  constructor(
    private readonly world: ExecWorld,
    private readonly sink: ExecSink,
  ) {}

  input(text: string): void {
    if (this.over) return;
    if (!this.world.tty) return this.sink.output(text, false);
    for (const ch of text) {
      if (ch === '\x03' || ch === '\x04') {
        this.sink.output(ch === '\x03' ? '^C' : '', false);
        this.over = true;
        this.sink.end({ code: ch === '\x03' ? 130 : 0 });
        return;
      }
      this.sink.output(ch === '\r' ? '\r\n' : ch, false);
    }
  }

  closeInput(): void {
    if (this.over) return;
    this.over = true;
    this.sink.end({ code: 0 });
  }

  hangUp(): void {
    this.over = true;
  }
}

interface Level {
  kind: ShellKind;
  session: ShellSession;
}

/** A shell reading its commands from stdin: `kubectl exec -it POD -- sh`, or `-i` with lines piped in. */
export class InteractiveShell implements ExecProcess {
  private readonly levels: Level[];
  private readonly editor: LineEditor | undefined;
  private readonly out: (text: string, err: boolean) => void;
  /** Lines of a command that needs more (a loop being typed). */
  private more = '';
  /** Unfinished input line (without a terminal). */
  private partial = '';
  private busy = false;
  private over = false;

  constructor(
    private readonly world: ExecWorld,
    private readonly sink: ExecSink,
    kind: ShellKind,
  ) {
    this.levels = [{ kind, session: world.shell(kind) }];
    this.out = writer(world, sink);
    if (world.tty) {
      this.editor = new LineEditor((t) => sink.output(t, false), () => this.promptText());
      this.prompt();
    }
  }

  private get top(): Level {
    return this.levels[this.levels.length - 1]!;
  }

  private promptText(): string {
    return this.more ? PS2 : prompt(this.top.kind, this.top.session.vars, this.world.hostname, this.world.root);
  }

  private prompt(): void {
    if (this.world.tty && !this.over) this.sink.output(this.promptText(), false);
  }

  private finish(code: number): void {
    if (this.over) return;
    this.over = true;
    this.sink.end({ code });
  }

  input(text: string): void {
    if (this.over) return;
    if (this.editor) {
      if (this.busy) return this.busyKeys(text);
      this.editor.feed(text, (a) => this.key(a));
      return;
    }
    if (this.busy) return; // a program that never returns holds the shell; what is piped in waits
    this.partial += text;
    for (let nl = this.partial.indexOf('\n'); nl >= 0 && !this.over && !this.busy; nl = this.partial.indexOf('\n')) {
      const line = this.partial.slice(0, nl);
      this.partial = this.partial.slice(nl + 1);
      this.line(line);
    }
  }

  /** Keys typed while a program runs in the foreground: echoed by the terminal, Ctrl-C interrupts. */
  private busyKeys(text: string): void {
    const cut = text.indexOf('\x03');
    const echo = (cut < 0 ? text : text.slice(0, cut)).replace(/\r/g, '\r\n');
    if (echo) this.sink.output(echo, false);
    if (cut < 0) return;
    this.busy = false;
    this.sink.output('^C\r\n', false);
    this.prompt();
  }

  private key(a: KeyAction): void {
    if (this.over) return;
    switch (a.t) {
      case 'line':
        this.line(a.line);
        return;
      case 'interrupt':
        this.more = '';
        this.prompt();
        return;
      case 'eof':
        this.eof();
        return;
      default: {
        const never: never = a;
        void never;
      }
    }
  }

  /** End of input: the current shell exits with the last status (bash says so). */
  private eof(): void {
    const level = this.levels.pop()!;
    if (this.world.tty) this.sink.output(level.kind === 'bash' ? 'exit\r\n' : '\r\n', false);
    this.world.sync(level.session);
    if (!this.levels.length) return this.finish(level.session.status);
    this.prompt();
  }

  closeInput(): void {
    if (this.over) return;
    if (this.busy) return;
    if (this.partial) {
      const last = this.partial;
      this.partial = '';
      this.line(last);
    }
    while (!this.over && !this.busy) this.eof();
  }

  hangUp(): void {
    this.over = true;
  }

  private line(text: string): void {
    this.more = this.more ? `${this.more}\n${text}` : text;
    if (incomplete(this.more)) {
      if (this.world.tty) this.sink.output(PS2, false);
      return;
    }
    const src = this.more;
    this.more = '';
    const nested = /^\s*(?:\S*\/)?(sh|bash|ash|dash)\s*$/.exec(src);
    const kind = nested ? this.world.shellKind(nested[1]!) : undefined;
    if (kind) {
      this.levels.push({ kind, session: this.world.shell(kind, { ...this.top.session.vars }) });
      return this.prompt();
    }
    const level = this.top;
    const end = drain(level.session.run(src, this.world.elapsed()), this.out);
    this.world.sync(level.session);
    if (end.s === 'forever') {
      this.busy = true;
      return;
    }
    if (end.s === 'exit') {
      // An interactive bash says goodbye; ash and dash leave silently.
      if (level.kind === 'bash' && this.world.tty) this.sink.output('exit\r\n', false);
      this.levels.pop();
      if (!this.levels.length) return this.finish(end.code);
    }
    this.prompt();
  }
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Undefined while the command still runs (it would not end by itself). */
  end: ExecEnd | undefined;
}

/** Runs a process with all of its stdin at once (the command box): what it printed and how it ended. */
export function runToEnd(start: (sink: ExecSink) => ExecProcess, stdin?: string): ExecResult {
  const r: ExecResult = { stdout: '', stderr: '', end: undefined };
  const p = start({
    output: (text, err) => {
      if (err) r.stderr += text;
      else r.stdout += text;
    },
    end: (e) => (r.end = e),
  });
  if (stdin !== undefined && !r.end) {
    p.input(stdin);
    p.closeInput();
  }
  if (!r.end) p.hangUp();
  return r;
}
