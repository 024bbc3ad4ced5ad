// A command line as a shell would split it (quotes, escapes; no pipes or redirects), then flags parsed the way
// kubectl's flag library (pflag) does: interspersed with arguments, `--name=value`, `--name value`, `-n value`,
// `-nvalue`, grouped boolean shorthands (`-it`), and `--` ending the flags.
import { CommandError, flagError } from './errors.ts';

/** Splits a line into words like a POSIX shell does for simple commands; shell operators are refused. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new CommandError('error: unterminated quote (\') in the command line');
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1]!)) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new CommandError('error: unterminated quote (") in the command line');
      i = j;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        if (line[i + 1] !== '\n') cur += line[i + 1];
        i++;
        inWord = true;
      }
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if ('|;&<>`'.includes(c) || (c === '$' && line[i + 1] === '(')) {
      throw new CommandError(
        `error: shell syntax (${c === '$' ? '$(' : c}) is not supported here: this box runs one kubectl command, without pipes, redirects or command chaining`,
      );
    } else if (c === '#' && !inWord) {
      break;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

/** Flags every command takes (kubectl's global flags): the namespace, and a few accepted only for familiarity. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
];

export class ParsedArgs {
  constructor(
    readonly args: string[],
    private readonly values: Map<string, string | boolean | string[]>,
    /** Words after `--` (a command for `kubectl run ... -- cmd`). */
    readonly afterDash: string[],
    /** How many plain arguments came before `--` (-1 when there was none). */
    readonly dashAt: number,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  str(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  list(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }

  int(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? Number(v) : undefined;
  }
}

function parseBool(v: string, flag: string, path: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw flagError(path, `invalid argument "${v}" for "${flag}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
}

function checkInt(v: string, flag: string, path: string): string {
  if (!/^[+-]?\d+$/.test(v)) throw flagError(path, `invalid argument "${v}" for "${flag}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return v;
}

/** Parses the words after the command name against the command's flags (plus the global ones). */
export function parseFlags(words: string[], specs: readonly FlagSpec[], path: string): ParsedArgs {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string | boolean | string[]>();
  const args: string[] = [];
  const afterDash: string[] = [];
  let dashAt = -1;
  const set = (s: FlagSpec, raw: string | boolean, shown: string) => {
    if (s.type === 'bool') values.set(s.name, typeof raw === 'boolean' ? raw : parseBool(raw, shown, path));
    else if (s.type === 'strings') values.set(s.name, [...((values.get(s.name) as string[] | undefined) ?? []), String(raw)]);
    else if (s.type === 'int') values.set(s.name, checkInt(String(raw), shown, path));
    else values.set(s.name, String(raw));
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (dashAt >= 0) {
      afterDash.push(w);
      continue;
    }
    if (w === '--') {
      dashAt = args.length;
      continue;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const s = byName.get(name);
      if (!s) throw flagError(path, `unknown flag: --${name}`);
      if (eq >= 0) set(s, w.slice(eq + 1), `--${name}`);
      else if (s.type === 'bool') set(s, true, `--${name}`);
      else {
        if (i + 1 >= words.length) throw flagError(path, `flag needs an argument: --${name}`);
        set(s, words[++i]!, `--${name}`);
      }
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      const shorts = w.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const c = shorts[j]!;
        const s = byShort.get(c);
        if (!s) throw flagError(path, `unknown shorthand flag: '${c}' in ${w}`);
        const rest = shorts.slice(j + 1);
        if (s.type === 'bool') {
          if (rest.startsWith('=')) {
            set(s, rest.slice(1), `-${c}`);
            break;
          }
          set(s, true, `-${c}`);
          continue;
        }
        if (rest) set(s, rest.startsWith('=') ? rest.slice(1) : rest, `-${c}`);
        else {
          if (i + 1 >= words.length) throw flagError(path, `flag needs an argument: '${c}' in -${c}`);
          set(s, words[++i]!, `-${c}`);
        }
        break;
      }
      continue;
    }
    args.push(w);
  }
  return new ParsedArgs(args, values, afterDash, dashAt);
}
