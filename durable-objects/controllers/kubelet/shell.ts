// A small POSIX shell for `sh -c "..."` containers: enough of the language (lists, && ||, pipes, while/until/for/if,
// variables, $(...), $((...)), redirections) and of busybox's applets to decide what a script prints, when, and how it
// ends. It runs on virtual time: `sleep 5` moves the clock, nothing waits.
import { endless, parseScript, type Node, type Redir } from './shell-parse.ts';
import { formatDate, printf, unescape } from './shell-format.ts';

export { formatDate };

export type ShellEvent =
  /** One line of output (`partial`: the last text of a run, without its newline). */
  | { kind: 'out'; t: number; text: string; err: boolean; partial?: boolean }
  | { kind: 'file'; t: number; path: string; exists: boolean }
  | { kind: 'exit'; t: number; code: number }
  /** The rest of the run belongs to a program that never returns (a server, `sleep infinity`, an endless loop). */
  | { kind: 'forever'; t: number; term: boolean; ports: number[] }
  /** Entering a loop that only exit/break could end and that has neither: the run will not end by itself. */
  | { kind: 'endless'; t: number; term: boolean };

/** A program outside the shell: what it prints (offsets from its start) and whether/when it exits. */
export interface Program {
  lines: Array<{ dt: number; text: string; err?: boolean }>;
  exit?: { dt: number; code: number };
  /** Ports a long-running program listens on. */
  ports?: number[];
  /** Stops cleanly on SIGTERM (servers); otherwise, as PID 1, it ignores it until SIGKILL. */
  handlesTerm?: boolean;
}

export interface ShellEnv {
  vars: Record<string, string>;
  /** Wall-clock start of the run, for `date`. */
  startMs: number;
  hostname: string;
  seed: number;
  /** `bash` or busybox `sh` (error wording differs). */
  flavor: 'sh' | 'bash';
  /** Programs that are not shell builtins; undefined means "not found". */
  external(argv: string[], t: number): Program | undefined;
  /** Files that exist in the image or volumes (`cat /etc/hostname`). */
  readFile?(path: string): string | undefined;
  /** Whether the image has this executable (`bash` is not in busybox); default yes. */
  has?(name: string): boolean;
  /** Keeps what redirections write (`echo hi > /tmp/x`); without it only the file's existence is known. */
  writeFile?(path: string, text: string, append: boolean): void;
}

// ---------------------------------------------------------------- running

type Signal = { s: 'ok'; code: number } | { s: 'break' } | { s: 'continue' } | { s: 'exit'; code: number } | { s: 'forever'; term: boolean; ports: number[] };

const MAX_EVENTS = 200_000;

class Shell {
  vars: Record<string, string>;
  files = new Set<string>();
  t = 0;
  status = 0;
  private rnd: number;
  private pending: { out: string; err: string } = { out: '', err: '' };
  events = 0;
  /** `trap ... TERM` ran: the script stops on SIGTERM. */
  trapped = false;
  /** The command being run replaces the shell (exec, or the only command of `sh -c`, which busybox execs). */
  execing = false;
  /** Reads command lines from a terminal: a lone command runs as a child, the shell stays. */
  interactive = false;

  constructor(
    readonly env: ShellEnv,
    readonly args: string[],
  ) {
    this.vars = { ...env.vars };
    this.rnd = env.seed >>> 0 || 1;
  }

  private random(): number {
    this.rnd = (Math.imul(this.rnd, 1103515245) + 12345) >>> 0;
    return (this.rnd >>> 16) & 0x7fff;
  }

  private forever(): Signal {
    return { s: 'forever', term: this.trapped, ports: [] };
  }

  // ---- expansion

  private lookup(name: string): string {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '#') return String(this.args.length);
    if (name === '@' || name === '*') return this.args.join(' ');
    if (name === 'RANDOM') return String(this.random());
    if (name === 'SECONDS') return String(Math.floor(this.t / 1000));
    if (/^\d$/.test(name)) return name === '0' ? this.env.flavor : (this.args[Number(name) - 1] ?? '');
    return this.vars[name] ?? '';
  }

  private braced(expr: string): string {
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$])(?:(:?[-=+?])(.*))?$/.exec(expr);
    if (!m) {
      if (expr.startsWith('#')) return String(this.lookup(expr.slice(1)).length);
      return '';
    }
    const v = this.lookup(m[1]!);
    const op = m[2];
    const word = this.expandOne(m[3] ?? '');
    if (!op) return v;
    const unset = op.startsWith(':') ? v === '' : !(m[1]! in this.vars);
    if (op.endsWith('-')) return unset ? word : v;
    if (op.endsWith('=')) {
      if (unset) this.vars[m[1]!] = word;
      return unset ? word : v;
    }
    if (op.endsWith('+')) return unset ? '' : word;
    return v;
  }

  /** Command substitution: run and capture stdout, without letting its sleeps move our clock. */
  private substitute(src: string): string {
    const sub = new Shell(this.env, this.args);
    sub.vars = { ...this.vars };
    sub.files = this.files;
    sub.t = this.t;
    const out: string[] = [];
    let n = 0;
    for (const e of sub.runScript(src, true)) {
      if (e.kind === 'out' && !e.err) out.push(e.text);
      if (e.kind === 'forever' || ++n > 10_000) break;
    }
    return out.join('\n').replace(/\n+$/, '');
  }

  /** A word becomes zero or more fields; unquoted expansions split on whitespace. */
  expand(raw: string): string[] {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    const pushSplit = (s: string) => {
      const parts = s.split(/[ \t\n]+/);
      parts.forEach((p, idx) => {
        if (idx > 0) {
          if (has || cur) fields.push(cur);
          cur = '';
          has = false;
        }
        if (p) {
          cur += p;
          has = true;
        }
      });
    };
    let i = 0;
    while (i < raw.length) {
      const c = raw[i]!;
      if (c === "'") {
        const j = raw.indexOf("'", i + 1);
        const end = j < 0 ? raw.length : j;
        cur += raw.slice(i + 1, end);
        has = true;
        i = end + 1;
      } else if (c === '"') {
        let j = i + 1;
        while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
        cur += this.expandDouble(raw.slice(i + 1, j));
        has = true;
        i = j + 1;
      } else if (c === '\\') {
        cur += raw[i + 1] ?? '';
        has = true;
        i += 2;
      } else if (c === '$' || c === '`') {
        const [value, len] = this.dollar(raw, i);
        pushSplit(value);
        i += len;
      } else {
        cur += c;
        has = true;
        i++;
      }
    }
    if (has || cur) fields.push(cur);
    return fields;
  }

  expandOne(raw: string): string {
    return this.expand(raw).join(' ');
  }

  private expandDouble(s: string): string {
    let out = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length && '$`"\\\n'.includes(s[i + 1]!)) {
        out += s[i + 1];
        i += 2;
      } else if (c === '$' || c === '`') {
        const [v, len] = this.dollar(s, i);
        out += v;
        i += len;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }

  /** Expands the `$...` (or backquote) at s[i]; returns the value and how many characters it used. */
  private dollar(s: string, i: number): [string, number] {
    if (s[i] === '`') {
      const j = s.indexOf('`', i + 1);
      const end = j < 0 ? s.length : j;
      return [this.substitute(s.slice(i + 1, end)), end + 1 - i];
    }
    const next = s[i + 1];
    if (next === '(') {
      const arith = s[i + 2] === '(';
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '(') depth++;
        else if (s[j] === ')' && --depth === 0) break;
      }
      const inner = s.slice(i + 2, j);
      if (arith) return [String(this.arith(inner.slice(1, -1))), j + 1 - i];
      return [this.substitute(inner), j + 1 - i];
    }
    if (next === '{') {
      const j = s.indexOf('}', i + 2);
      const end = j < 0 ? s.length : j;
      return [this.braced(s.slice(i + 2, end)), end + 1 - i];
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!-])/.exec(s.slice(i + 1));
    if (!m) return ['$', 1];
    return [this.lookup(m[1]!), m[1]!.length + 1];
  }

  /** $(( )) arithmetic: integers, + - * / %, comparisons and parentheses. */
  arith(expr: string): number {
    const toks = expr.match(/\d+|[A-Za-z_]\w*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
    let p = 0;
    const value = (t: string): number => (/^\d+$/.test(t) ? Number(t) : Number(this.vars[t] ?? 0) || 0);
    const prim = (): number => {
      const t = toks[p++];
      if (t === '(') {
        const v = or();
        p++;
        return v;
      }
      if (t === '-') return -prim();
      if (t === '!') return prim() ? 0 : 1;
      return t === undefined ? 0 : value(t);
    };
    const bin = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
      let v = next();
      while (toks[p] !== undefined && toks[p]! in ops) {
        const op = toks[p++]!;
        v = ops[op]!(v, next());
      }
      return v;
    };
    const mul = bin(prim, { '*': (a, b) => a * b, '/': (a, b) => (b ? Math.trunc(a / b) : 0), '%': (a, b) => (b ? a % b : 0) });
    const add = bin(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
    const cmp = bin(add, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
    const eq = bin(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
    const and = bin(eq, { '&&': (a, b) => +(!!a && !!b) });
    const or = bin(and, { '||': (a, b) => +(!!a || !!b) });
    return or();
  }

  // ---- output

  private *emit(text: string, err: boolean, redirs: Redir[]): Generator<ShellEvent> {
    const toFile = redirs.find((r) => (err ? r.op === '2>' || r.op === '2>>' || r.op === '&>' : r.op === '>' || r.op === '>>' || r.op === '&>'));
    const swap = redirs.some((r) => (err ? r.op === '2>&1' : r.op === '>&2' || r.op === '1>&2'));
    if (toFile) {
      const path = this.expandOne(toFile.target);
      if (path !== '/dev/null' && path !== '/dev/stdout' && path !== '/dev/stderr' && path !== '/proc/1/fd/1') {
        this.env.writeFile?.(path, text, true);
        if (!this.files.has(path)) {
          this.files.add(path);
          yield { kind: 'file', t: this.t, path, exists: true };
        }
        return;
      }
      if (path === '/dev/null') return;
    }
    const stream = swap ? !err : err;
    const key = stream ? 'err' : 'out';
    const buf = this.pending[key] + text;
    const lines = buf.split('\n');
    this.pending[key] = lines.pop() ?? '';
    for (const line of lines) {
      this.events++;
      yield { kind: 'out', t: this.t, text: line, err: stream };
    }
  }

  private *flush(): Generator<ShellEvent> {
    for (const key of ['out', 'err'] as const) {
      if (this.pending[key]) yield { kind: 'out', t: this.t, text: this.pending[key], err: key === 'err', partial: true };
      this.pending[key] = '';
    }
  }

  private notFound(cmd: string): string {
    if (this.env.flavor === 'bash') return this.interactive ? `bash: ${cmd}: command not found\n` : `bash: line 1: ${cmd}: command not found\n`;
    return `sh: ${cmd}: not found\n`;
  }

  // ---- execution

  *runScript(src: string, nested = false): Generator<ShellEvent, Signal> {
    let tree: Node;
    try {
      tree = parseScript(src);
    } catch {
      const word = src.trim().split(/\s+/)[0] ?? '';
      yield* this.emit(`${this.env.flavor}: syntax error: unexpected end of file${word ? '' : ''}\n`, true, []);
      if (this.interactive) {
        // A terminal shell reports the mistake and reads the next line.
        yield* this.flush();
        this.status = 2;
        return { s: 'ok', code: 2 };
      }
      yield { kind: 'exit', t: this.t, code: 2 };
      return { s: 'exit', code: 2 };
    }
    // busybox and dash exec the only command of `sh -c` instead of forking it.
    if (!this.interactive && tree.t === 'list' && tree.items.length === 1 && tree.items[0]!.node.t === 'simple') this.execing = true;
    const sig = yield* this.run(tree, []);
    if (!nested) {
      yield* this.flush();
      if (sig.s === 'forever') yield { kind: 'forever', t: this.t, term: sig.term || this.trapped, ports: sig.ports };
      else yield { kind: 'exit', t: this.t, code: sig.s === 'exit' ? sig.code : this.status };
    }
    return sig;
  }

  private *run(n: Node, inherited: Redir[]): Generator<ShellEvent, Signal> {
    if (this.events > MAX_EVENTS) return this.forever();
    switch (n.t) {
      case 'list': {
        let last: Signal = { s: 'ok', code: this.status };
        for (const it of n.items) {
          last = yield* this.run(it.node, inherited);
          if (last.s !== 'ok') return last;
        }
        return last;
      }
      case 'andor': {
        let sig = yield* this.run(n.first, inherited);
        for (const r of n.rest) {
          if (sig.s !== 'ok') return sig;
          if ((r.op === '&&') === (this.status === 0)) sig = yield* this.run(r.node, inherited);
        }
        return sig;
      }
      case 'pipe': {
        // Only the last command's output reaches the log; earlier stages feed it (crudely: their lines are dropped).
        let sig: Signal = { s: 'ok', code: 0 };
        for (let i = 0; i < n.cmds.length; i++) {
          const silent: Redir[] = i < n.cmds.length - 1 ? [{ op: '>', target: '/dev/null' }] : inherited;
          sig = yield* this.run(n.cmds[i]!, silent);
          if (sig.s !== 'ok') return sig;
        }
        if (n.negate) this.status = this.status === 0 ? 1 : 0;
        return { s: 'ok', code: this.status };
      }
      case 'loop': {
        const forever = endless(n);
        if (forever) yield { kind: 'endless', t: this.t, term: this.trapped };
        let iterations = 0;
        for (;;) {
          if (!forever) {
            const c = yield* this.run(n.cond, inherited);
            if (c.s !== 'ok') return c;
            if ((this.status === 0) === n.until) break;
          }
          const started = this.t;
          const sig = yield* this.run(n.body, inherited);
          if (sig.s === 'break') break;
          if (sig.s === 'exit' || sig.s === 'forever') return sig;
          // A loop that never sleeps would print without end at one instant; real ones take some time.
          if (this.t === started) this.t += 10;
          if (++iterations > MAX_EVENTS) return this.forever();
        }
        this.status = 0;
        return { s: 'ok', code: 0 };
      }
      case 'for': {
        const items = n.items ? n.items.flatMap((w) => this.expand(w)) : this.args;
        for (const item of items) {
          this.vars[n.name] = item;
          const sig = yield* this.run(n.body, inherited);
          if (sig.s === 'break') break;
          if (sig.s === 'exit' || sig.s === 'forever') return sig;
        }
        return { s: 'ok', code: this.status };
      }
      case 'if': {
        for (const arm of n.arms) {
          const c = yield* this.run(arm.cond, inherited);
          if (c.s !== 'ok') return c;
          if (this.status === 0) return yield* this.run(arm.body, inherited);
        }
        if (n.otherwise) return yield* this.run(n.otherwise, inherited);
        this.status = 0;
        return { s: 'ok', code: 0 };
      }
      case 'group': {
        const saved = n.sub ? { ...this.vars } : undefined;
        const sig = yield* this.run(n.body, inherited);
        if (saved) this.vars = saved;
        if (n.sub && sig.s === 'exit') {
          this.status = sig.code;
          return { s: 'ok', code: sig.code };
        }
        return sig;
      }
      case 'simple':
        return yield* this.simple(n, inherited);
    }
  }

  private *simple(n: Extract<Node, { t: 'simple' }>, inherited: Redir[]): Generator<ShellEvent, Signal> {
    const redirs = [...inherited, ...n.redirs];
    const assigns: Array<[string, string]> = [];
    let k = 0;
    for (; k < n.words.length; k++) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(n.words[k]!);
      if (!m) break;
      assigns.push([m[1]!, this.expandOne(m[2]!)]);
    }
    const argv = n.words.slice(k).flatMap((w) => this.expand(w));
    if (!argv.length) {
      for (const [a, v] of assigns) this.vars[a] = v;
      this.status = 0;
      return { s: 'ok', code: 0 };
    }
    for (const r of n.redirs) if (r.op === '>' || r.op === '>>') {
      const path = this.expandOne(r.target);
      if (path !== '/dev/null') this.env.writeFile?.(path, '', r.op === '>>');
      if (path !== '/dev/null' && !this.files.has(path)) {
        this.files.add(path);
        yield { kind: 'file', t: this.t, path, exists: true };
      }
    }
    return yield* this.command(argv, redirs);
  }

  private *command(argv: string[], redirs: Redir[]): Generator<ShellEvent, Signal> {
    const [cmd, ...args] = argv as [string, ...string[]];
    const ok = (code = 0): Signal => {
      this.status = code;
      return { s: 'ok', code };
    };
    const base = cmd.slice(cmd.lastIndexOf('/') + 1);
    switch (base) {
      case ':':
      case 'true':
      case 'set':
      case 'wait':
      case 'ulimit':
      case 'umask':
      case 'shift':
      case 'unset':
        if (base === 'unset') for (const a of args) delete this.vars[a];
        return ok(0);
      case 'false':
        return ok(1);
      case 'cd': {
        const dir = args[0] === undefined || args[0] === '~' ? (this.vars.HOME ?? '/') : args[0] === '-' ? (this.vars.OLDPWD ?? '/') : args[0];
        const cwd = this.vars.PWD ?? '/';
        this.vars.OLDPWD = cwd;
        this.vars.PWD = resolvePath(cwd, dir);
        return ok(0);
      }
      case 'pwd':
        yield* this.emit(`${this.vars.PWD ?? '/'}\n`, false, redirs);
        return ok(0);
      case 'export':
      case 'local':
      case 'readonly':
        for (const a of args) {
          const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(a);
          if (m) this.vars[m[1]!] = m[2]!;
        }
        return ok(0);
      case 'exit':
        this.status = args[0] ? Number(args[0]) & 255 : this.status;
        return { s: 'exit', code: this.status };
      case 'break':
        return { s: 'break' };
      case 'continue':
        return { s: 'continue' };
      case 'trap':
        if (args.slice(1).some((a) => /^(SIG)?(TERM|15)$/.test(a))) this.trapped = true;
        return ok(0);
      case 'echo': {
        let newline = true;
        let escapes = false;
        let i = 0;
        while (i < args.length && /^-[neE]+$/.test(args[i]!)) {
          if (args[i]!.includes('n')) newline = false;
          if (args[i]!.includes('e')) escapes = true;
          i++;
        }
        let text = args.slice(i).join(' ');
        if (escapes) text = unescape(text);
        yield* this.emit(text + (newline ? '\n' : ''), false, redirs);
        return ok(0);
      }
      case 'printf': {
        yield* this.emit(printf(args[0] ?? '', args.slice(1)), false, redirs);
        return ok(0);
      }
      case 'sleep': {
        const arg = args[0] ?? '';
        if (arg === 'infinity' || arg === 'inf') return this.forever();
        const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
        if (!m) {
          yield* this.emit(`sleep: invalid number '${arg}'\n`, true, redirs);
          return ok(1);
        }
        const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
        this.t += Math.round(Number(m[1]) * unit * 1000);
        return ok(0);
      }
      case 'date': {
        const fmt = args.find((a) => a.startsWith('+'));
        yield* this.emit(`${formatDate(this.env.startMs + this.t, fmt?.slice(1))}\n`, false, redirs);
        return ok(0);
      }
      case 'hostname':
        yield* this.emit(`${this.env.hostname}\n`, false, redirs);
        return ok(0);
      case 'touch':
      case 'mkdir':
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          if (!this.files.has(a)) {
            this.files.add(a);
            yield { kind: 'file', t: this.t, path: a, exists: true };
          }
        }
        return ok(0);
      case 'rm':
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          if (this.files.delete(a)) yield { kind: 'file', t: this.t, path: a, exists: false };
        }
        return ok(0);
      case 'cat': {
        const paths = args.filter((a) => !a.startsWith('-'));
        if (!paths.length) return ok(0); // stdin is closed: nothing to copy
        let code = 0;
        for (const p of paths) {
          const content = this.env.readFile?.(p);
          if (content !== undefined) yield* this.emit(content, false, redirs);
          else if (!this.files.has(p)) {
            yield* this.emit(`cat: can't open '${p}': No such file or directory\n`, true, redirs);
            code = 1;
          }
        }
        return ok(code);
      }
      case 'test':
      case '[':
        return ok(this.test(base === '[' ? args.slice(0, -1) : args) ? 0 : 1);
      case 'seq': {
        const nums = args.map(Number);
        const [from, to] = nums.length === 1 ? [1, nums[0]!] : [nums[0]!, nums[nums.length - 1]!];
        const step = nums.length === 3 ? nums[1]! : 1;
        const out: string[] = [];
        for (let v = from; step > 0 ? v <= to : v >= to; v += step) {
          out.push(String(v));
          if (out.length > 100_000) break;
        }
        yield* this.emit(out.length ? `${out.join('\n')}\n` : '', false, redirs);
        return ok(0);
      }
      case 'expr': {
        yield* this.emit(`${this.arith(args.join(' '))}\n`, false, redirs);
        return ok(0);
      }
      case 'env':
      case 'printenv': {
        if (base === 'printenv' && args.length) {
          const v = this.vars[args[0]!];
          if (v !== undefined) yield* this.emit(`${v}\n`, false, redirs);
          return ok(v === undefined ? 1 : 0);
        }
        yield* this.emit(Object.entries(this.vars).map(([k, v]) => `${k}=${v}\n`).join(''), false, redirs);
        return ok(0);
      }
      case 'read':
        return ok(1); // no stdin
      case 'exec': {
        if (!args.length) return ok(0);
        this.execing = true;
        const sig = yield* this.command(args, redirs);
        this.execing = false;
        return sig.s === 'ok' ? { s: 'exit', code: sig.code } : sig;
      }
      case 'sh':
      case 'bash':
      case 'ash': {
        if (this.env.has && !this.env.has(base)) return yield* this.external(argv, redirs, this.execing);
        const c = args.indexOf('-c');
        if (c >= 0 && args[c + 1] !== undefined) {
          const sub = new Shell({ ...this.env, flavor: base === 'bash' ? 'bash' : 'sh', vars: this.vars }, args.slice(c + 2));
          sub.t = this.t;
          sub.files = this.files;
          const sig = yield* sub.runScript(args[c + 1]!, true);
          yield* sub.flush();
          this.t = sub.t;
          if (sig.s === 'forever') return sig;
          return ok(sig.s === 'exit' ? sig.code : sub.status);
        }
        return ok(0); // an interactive shell without stdin ends at once
      }
      default:
        return yield* this.external(argv, redirs, this.execing);
    }
  }

  private *external(argv: string[], redirs: Redir[], replace: boolean): Generator<ShellEvent, Signal> {
    const p = this.env.external(argv, this.t);
    if (!p) {
      yield* this.emit(this.notFound(argv[0]!), true, redirs);
      this.status = 127;
      return replace ? { s: 'exit', code: 127 } : { s: 'ok', code: 127 };
    }
    const start = this.t;
    for (const l of p.lines) {
      this.t = start + l.dt;
      yield* this.emit(`${l.text}\n`, !!l.err, redirs);
    }
    if (!p.exit) return { s: 'forever', term: !!p.handlesTerm && (replace || this.execing), ports: p.ports ?? [] };
    this.t = start + p.exit.dt;
    this.status = p.exit.code;
    return replace ? { s: 'exit', code: p.exit.code } : { s: 'ok', code: p.exit.code };
  }

  private test(a: string[]): boolean {
    if (a[0] === '!') return !this.test(a.slice(1));
    if (a.length === 0) return false;
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      const [op, v] = a as [string, string];
      if (op === '-z') return v === '';
      if (op === '-n') return v !== '';
      if (op === '-f' || op === '-e' || op === '-d' || op === '-s' || op === '-r') return this.files.has(v) || this.env.readFile?.(v) !== undefined;
      return false;
    }
    const [x, op, y] = a as [string, string, string];
    const nx = Number(x);
    const ny = Number(y);
    switch (op) {
      case '=':
      case '==':
        return x === y;
      case '!=':
        return x !== y;
      case '-eq':
        return nx === ny;
      case '-ne':
        return nx !== ny;
      case '-lt':
        return nx < ny;
      case '-le':
        return nx <= ny;
      case '-gt':
        return nx > ny;
      case '-ge':
        return nx >= ny;
      default:
        return false;
    }
  }
}

/** Runs a script lazily: events come in time order; the generator ends with an `exit` or `forever` event. */
export function runShell(script: string, env: ShellEnv, args: string[] = []): Generator<ShellEvent, unknown> {
  return new Shell(env, args).runScript(script);
}

/** Runs one command to completion against a set of existing files (an exec probe): its exit code and output. */
export function runOnce(argv: string[], env: ShellEnv, files: Iterable<string>): { code: number; output: string } {
  const sh = new Shell(env, []);
  for (const f of files) sh.files.add(f);
  const out: string[] = [];
  let code = 0;
  let n = 0;
  for (const e of sh.runScript(`exec ${argv.map(quote).join(' ')}`)) {
    if (e.kind === 'out') out.push(e.text);
    else if (e.kind === 'exit') code = e.code;
    else if (e.kind === 'forever') code = 0;
    if (++n > 1000) break;
  }
  return { code, output: out.join('\n') };
}

/** An absolute path from a working directory and a path as typed (`..` and `.` folded). */
export function resolvePath(cwd: string, p: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith('/') ? p : `${cwd}/${p}`).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** How one line of an interactive shell ended: the shell goes on, exited, or waits on a program that never returns. */
export type LineEnd = { s: 'done'; code: number } | { s: 'exit'; code: number } | { s: 'forever' };

/** A shell reading command lines one at a time (`kubectl exec -it POD -- sh`): variables, files and `$?` carry over. */
export class ShellSession {
  private readonly sh: Shell;

  constructor(env: ShellEnv, files: Iterable<string> = []) {
    this.sh = new Shell(env, []);
    this.sh.interactive = true;
    for (const f of files) this.sh.files.add(f);
  }

  get vars(): Record<string, string> {
    return this.sh.vars;
  }

  get files(): ReadonlySet<string> {
    return this.sh.files;
  }

  get status(): number {
    return this.sh.status;
  }

  /** Runs one line `at` ms after the session's start (virtual time never goes back): its events, then how it ended. */
  *run(line: string, at: number): Generator<ShellEvent, LineEnd> {
    this.sh.t = Math.max(this.sh.t, at);
    this.sh.events = 0;
    const gen = this.sh.runScript(line);
    for (;;) {
      const r = gen.next();
      if (r.done) {
        const sig = r.value;
        if (sig.s === 'exit') return { s: 'exit', code: sig.code };
        if (sig.s === 'forever') return { s: 'forever' };
        return { s: 'done', code: this.sh.status };
      }
      if (r.value.kind !== 'exit' && r.value.kind !== 'forever') yield r.value;
    }
  }
}

/** Single-quotes a word for the shell. */
export function quote(w: string): string {
  return `'${w.replace(/'/g, `'\\''`)}'`;
}
