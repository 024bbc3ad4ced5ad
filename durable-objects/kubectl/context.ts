// What every command gets: the API client, the namespace in force, stdin, the clock, and its two output streams.
import type { Registry } from '../registry/registry.ts';
import type { FlagSpec, ParsedArgs } from './argv.ts';
import type { Client } from './client.ts';

export interface Ctx {
  client: Client;
  registry: Registry;
  /** `-n`, or `default`. */
  namespace: string;
  /** The user named a namespace with `-n` (apply refuses documents in another one, as kubectl does). */
  explicitNamespace: boolean;
  stdin: string | undefined;
  now(): number;
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  /** The words after `kubectl` that select it: `get`, `rollout status`. */
  path: string;
  flags: readonly FlagSpec[];
  /** Resolves to the exit code (0 when omitted); throws CommandError/ServerError to fail with a message. */
  run(ctx: Ctx, p: ParsedArgs): Promise<number | void>;
}

/** Shorthand for flag lists. */
export const flag = {
  bool: (name: string, short?: string): FlagSpec => ({ name, short, type: 'bool' }),
  str: (name: string, short?: string): FlagSpec => ({ name, short, type: 'string' }),
  int: (name: string, short?: string): FlagSpec => ({ name, short, type: 'int' }),
  strs: (name: string, short?: string): FlagSpec => ({ name, short, type: 'strings' }),
};

/** Flags that select objects: `-l`, `--field-selector`, `-A`, `--all`. */
export const SELECTOR_FLAGS: FlagSpec[] = [flag.str('selector', 'l'), flag.str('field-selector'), flag.bool('all-namespaces', 'A')];

/** `-f -` and friends: the only file a command can read here is its stdin. */
export const FILENAME_FLAGS: FlagSpec[] = [flag.strs('filename', 'f'), flag.bool('recursive', 'R'), flag.str('kustomize', 'k')];
