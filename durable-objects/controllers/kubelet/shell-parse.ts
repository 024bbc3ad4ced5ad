// The shell language the simulated containers' `sh -c` scripts are written in: a tokenizer and a recursive-descent
// parser for lists, && ||, pipes, while/until/for/if, groups and redirections (no here-documents, no functions).

export type Tok = { w: string } | { op: string };
export type Redir = { op: string; target: string };
export type Node =
  | { t: 'simple'; words: string[]; redirs: Redir[] }
  | { t: 'list'; items: Array<{ node: Node; sep: string }> }
  | { t: 'andor'; first: Node; rest: Array<{ op: '&&' | '||'; node: Node }> }
  | { t: 'pipe'; cmds: Node[]; negate: boolean }
  | { t: 'loop'; until: boolean; cond: Node; body: Node }
  | { t: 'for'; name: string; items: string[] | undefined; body: Node }
  | { t: 'if'; arms: Array<{ cond: Node; body: Node }>; otherwise: Node | undefined }
  | { t: 'group'; body: Node; sub: boolean };

const OPS = ['&&', '||', ';;', '2>&1', '>&2', '1>&2', '2>>', '2>', '&>', '>>', '>', '<', ';', '|', '&', '(', ')', '\n'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let word = '';
  const flush = () => {
    if (word) out.push({ w: word });
    word = '';
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#' && !word) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      flush();
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i) && (!word || !/^\d/.test(o)) && !(o === '(' && word));
    if (op) {
      flush();
      out.push({ op });
      i += op.length;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      const end = j < 0 ? src.length : j;
      word += src.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      word += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '$' && src[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < src.length; j++) {
        if (src[j] === '(') depth++;
        else if (src[j] === ')' && --depth === 0) break;
      }
      word += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '\\') {
      word += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    word += c;
    i++;
  }
  flush();
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t && 'w' in t ? t.w : undefined;
  }
  private peekOp(): string | undefined {
    const t = this.toks[this.i];
    return t && 'op' in t ? t.op : undefined;
  }
  private skipNewlines(): void {
    while (this.peekOp() === '\n' || this.peekOp() === ';') this.i++;
  }
  private expectWord(w: string): void {
    this.skipNewlines();
    if (this.peekWord() !== w) throw new Error(`syntax error: expected "${w}"`);
    this.i++;
  }

  parseList(stop: string[] = []): Node {
    const items: Array<{ node: Node; sep: string }> = [];
    for (;;) {
      while (this.peekOp() === '\n' || this.peekOp() === ';') this.i++;
      const w = this.peekWord();
      if (this.i >= this.toks.length || (w !== undefined && stop.includes(w)) || this.peekOp() === ')') break;
      const node = this.parseAndOr();
      const sep = this.peekOp();
      if (sep === ';' || sep === '\n' || sep === '&') this.i++;
      items.push({ node, sep: sep === '&' ? '&' : ';' });
    }
    return { t: 'list', items };
  }

  private parseAndOr(): Node {
    const first = this.parsePipe();
    const rest: Array<{ op: '&&' | '||'; node: Node }> = [];
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') break;
      this.i++;
      while (this.peekOp() === '\n') this.i++;
      rest.push({ op, node: this.parsePipe() });
    }
    return rest.length ? { t: 'andor', first, rest } : first;
  }

  private parsePipe(): Node {
    let negate = false;
    if (this.peekWord() === '!') {
      negate = true;
      this.i++;
    }
    const cmds = [this.parseCommand()];
    while (this.peekOp() === '|') {
      this.i++;
      cmds.push(this.parseCommand());
    }
    return cmds.length === 1 && !negate ? cmds[0]! : { t: 'pipe', cmds, negate };
  }

  private parseCommand(): Node {
    const w = this.peekWord();
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.parseList(['do']);
      this.expectWord('do');
      const body = this.parseList(['done']);
      this.expectWord('done');
      return { t: 'loop', until: w === 'until', cond, body };
    }
    if (w === 'for') {
      this.i++;
      const name = this.peekWord() ?? 'i';
      this.i++;
      let items: string[] | undefined;
      if (this.peekWord() === 'in') {
        this.i++;
        items = [];
        for (let w = this.peekWord(); w !== undefined; w = this.peekWord()) {
          items.push(w);
          this.i++;
        }
      }
      this.expectWord('do');
      const body = this.parseList(['done']);
      this.expectWord('done');
      return { t: 'for', name, items, body };
    }
    if (w === 'if') {
      this.i++;
      const arms: Array<{ cond: Node; body: Node }> = [];
      let otherwise: Node | undefined;
      for (;;) {
        const cond = this.parseList(['then']);
        this.expectWord('then');
        const body = this.parseList(['elif', 'else', 'fi']);
        arms.push({ cond, body });
        const next = this.peekWord();
        this.i++;
        if (next === 'elif') continue;
        if (next === 'else') {
          otherwise = this.parseList(['fi']);
          this.expectWord('fi');
        }
        break;
      }
      return { t: 'if', arms, otherwise };
    }
    if (w === '{') {
      this.i++;
      const body = this.parseList(['}']);
      this.expectWord('}');
      return { t: 'group', body, sub: false };
    }
    if (this.peekOp() === '(') {
      this.i++;
      const body = this.parseList();
      if (this.peekOp() === ')') this.i++;
      return { t: 'group', body, sub: true };
    }
    const words: string[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (!t) break;
      if ('w' in t) {
        words.push(t.w);
        this.i++;
        continue;
      }
      if (['>', '>>', '<', '2>', '2>>', '&>'].includes(t.op)) {
        this.i++;
        redirs.push({ op: t.op, target: this.peekWord() ?? '' });
        this.i++;
        continue;
      }
      if (['2>&1', '>&2', '1>&2'].includes(t.op)) {
        this.i++;
        redirs.push({ op: t.op, target: '' });
        continue;
      }
      break;
    }
    return { t: 'simple', words, redirs };
  }
}

export function parseScript(src: string): Node {
  return new Parser(tokenize(src)).parseList();
}

/** Whether a loop can only end through exit/break/exec, i.e. `while true` without any of them. */
export function endless(n: Extract<Node, { t: 'loop' }>): boolean {
  const cond = n.cond.t === 'list' && n.cond.items.length === 1 ? n.cond.items[0]!.node : n.cond;
  if (cond.t !== 'simple' || cond.words.length !== 1) return false;
  const w = cond.words[0]!;
  const forever = n.until ? w === 'false' : w === 'true' || w === ':';
  return forever && !JSON.stringify(n.body).match(/"(exit|break|exec|return)"/);
}
