// How the command box reads a line: shell-like word splitting and kubectl's flag rules.
import { describe, expect, it } from 'vitest';
import { parseFlags, tokenize } from '../../../durable-objects/kubectl/argv.ts';
import { CommandError } from '../../../durable-objects/kubectl/errors.ts';

const flags = [
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'stdin', short: 'i', type: 'bool' as const },
  { name: 'tty', short: 't', type: 'bool' as const },
  { name: 'replicas', type: 'int' as const },
  { name: 'env', type: 'strings' as const },
];

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CommandError) return e.text;
    throw e;
  }
  throw new Error('expected a CommandError');
}

describe('Command line splitting', () => {
  it('splits words like a shell, honouring quotes and escapes', () => {
    expect(tokenize(`kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\n"}{end}'`)).toEqual([
      'kubectl',
      'get',
      'pods',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}',
    ]);
    expect(tokenize(`kubectl label pod x "note=two words" a\\ b ''`)).toEqual(['kubectl', 'label', 'pod', 'x', 'note=two words', 'a b', '']);
    expect(tokenize('  get   pods\t-A  ')).toEqual(['get', 'pods', '-A']);
  });

  it('refuses pipes, redirects and command chaining', () => {
    expect(error(() => tokenize('kubectl get pods | grep nginx'))).toMatch(/^error: shell syntax \(\|\) is not supported here/);
    expect(error(() => tokenize('kubectl get pods > out.txt'))).toMatch(/shell syntax \(>\)/);
    expect(error(() => tokenize('kubectl get pods && kubectl get svc'))).toMatch(/shell syntax \(&\)/);
    expect(error(() => tokenize('kubectl get pods $(whoami)'))).toMatch(/shell syntax \(\$\(\)/);
    expect(tokenize("kubectl get pods -l 'app in (a,b)' | x".split('|')[0]!)).toEqual(['kubectl', 'get', 'pods', '-l', 'app in (a,b)']);
  });

  it('reports an unterminated quote', () => {
    expect(error(() => tokenize("kubectl get pods -o 'yaml"))).toBe("error: unterminated quote (') in the command line");
  });
});

describe('Flag parsing', () => {
  it('takes flags anywhere, in every spelling pflag accepts', () => {
    const p = parseFlags(['pods', '-oyaml', '--replicas=3', '-A', 'web', '--env', 'A=1', '--env=B=2', '-n', 'dev'], flags, 'get');
    expect(p.args).toEqual(['pods', 'web']);
    expect(p.str('output')).toBe('yaml');
    expect(p.int('replicas')).toBe(3);
    expect(p.bool('all-namespaces')).toBe(true);
    expect(p.list('env')).toEqual(['A=1', 'B=2']);
    expect(p.str('namespace')).toBe('dev');
  });

  it('groups boolean shorthands and stops at --', () => {
    const p = parseFlags(['x', '-it', '--', 'sh', '-c', 'echo hi'], flags, 'run');
    expect(p.bool('stdin') && p.bool('tty')).toBe(true);
    expect(p.args).toEqual(['x']);
    expect(p.afterDash).toEqual(['sh', '-c', 'echo hi']);
  });

  it('answers unknown or incomplete flags as cobra does', () => {
    expect(error(() => parseFlags(['--foo'], flags, 'get'))).toBe("Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.");
    expect(error(() => parseFlags(['-z'], flags, 'get'))).toBe("Error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.");
    expect(error(() => parseFlags(['-o'], flags, 'get'))).toBe("Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.");
    expect(error(() => parseFlags(['--replicas=x'], flags, 'scale'))).toBe(
      'Error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.',
    );
  });
});
