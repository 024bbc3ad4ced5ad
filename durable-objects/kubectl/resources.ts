// Resource names as people type them (`po`, `pods`, `pod`, `Pod`, `deploy/web`, `deployments.apps`, `all`),
// resolved against the registry the way kubectl's RESTMapper resolves them against discovery.
import type { Registry } from '../registry/registry.ts';
import type { ResourceStrategy } from '../registry/strategy.ts';
import { CommandError, fail } from './errors.ts';

export interface Resolved {
  strategy: ResourceStrategy;
  /** `Warning: short name ...` lines kubectl prints when a short name is ambiguous. */
  warnings: string[];
}

/** Kinds a type name may mean, best first: the core group wins, then the registry's (discovery) order. */
function candidates(registry: Registry, input: string): { matches: ResourceStrategy[]; short: boolean } {
  const lower = input.toLowerCase();
  const parts = lower.split('.');
  const tries: Array<{ name: string; group?: string; version?: string }> = [{ name: lower }];
  if (parts.length >= 2) tries.push({ name: parts[0]!, group: parts.slice(1).join('.') });
  if (parts.length >= 3) tries.push({ name: parts[0]!, version: parts[1]!, group: parts.slice(2).join('.') });
  for (const t of tries) {
    const ok = (s: ResourceStrategy) => (t.group === undefined || s.group === t.group) && (t.version === undefined || s.version === t.version);
    const full = registry.strategies.filter((s) => ok(s) && (s.resource === t.name || s.singular === t.name || s.kind.toLowerCase() === t.name));
    if (full.length) return { matches: prefer(full), short: false };
    const short = registry.strategies.filter((s) => ok(s) && (s.shortNames ?? []).includes(t.name));
    if (short.length) return { matches: prefer(short), short: true };
  }
  return { matches: [], short: false };
}

function prefer(list: ResourceStrategy[]): ResourceStrategy[] {
  return [...list].sort((a, b) => Number(a.group !== '') - Number(b.group !== ''));
}

/** One resource type, or `error: the server doesn't have a resource type "x"`. */
export function resolveType(registry: Registry, input: string): Resolved {
  const { matches, short } = candidates(registry, input);
  if (!matches.length) throw fail(`the server doesn't have a resource type "${input}"`);
  const warnings = short
    ? matches.slice(1).map((s) => `Warning: short name "${input}" could also match lower priority resource ${qualifiedResource(s)}`)
    : [];
  return { strategy: matches[0]!, warnings };
}

/** The kinds `kubectl get all` (or any category) expands to, in discovery order. */
export function categoryMembers(registry: Registry, category: string): ResourceStrategy[] {
  const seen = new Set<string>();
  const out: ResourceStrategy[] = [];
  for (const s of prefer(registry.strategies.filter((s) => s.categories?.includes(category)))) {
    if (seen.has(s.resource)) continue;
    seen.add(s.resource);
    out.push(s);
  }
  return out;
}

/** `deployments.apps`, `pods`: how kubectl names a resource in messages. */
export function qualifiedResource(s: ResourceStrategy): string {
  return s.group ? `${s.resource}.${s.group}` : s.resource;
}

/** `deployment.apps`, `pod`: the prefix of `-o name` and of `<kind>/<name> created` messages. */
export function kindPrefix(s: ResourceStrategy): string {
  return s.group ? `${s.kind.toLowerCase()}.${s.group}` : s.kind.toLowerCase();
}

export interface Target {
  strategy: ResourceStrategy;
  /** Named objects, or undefined for "every object of the type" (filtered by selectors). */
  names?: string[];
}

export interface Targets {
  targets: Target[];
  warnings: string[];
}

/**
 * Builder.ResourceTypeOrNameArgs: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`; `all` and other category names
 * expand. Throws kubectl's messages for the mixed and empty forms.
 */
export function parseTargets(registry: Registry, args: string[], o: { allowEmptyNames: boolean }): Targets {
  const warnings: string[] = [];
  const resolve = (t: string): ResourceStrategy[] => {
    if (t === 'all') return categoryMembers(registry, 'all');
    const r = resolveType(registry, t);
    warnings.push(...r.warnings);
    return [r.strategy];
  };
  if (args.some((a) => a.includes('/'))) {
    const targets: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        throw fail(
          `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        );
      }
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!type || !name) throw fail(`arguments in resource/name form must have a single resource and name`);
      const [s] = resolve(type);
      const last = targets[targets.length - 1];
      if (last && last.strategy === s && last.names) last.names.push(name);
      else targets.push({ strategy: s!, names: [name] });
    }
    return { targets, warnings };
  }
  if (!args.length) throw new CommandError('error: required resource not specified');
  const types = args[0]!.split(',').filter(Boolean);
  const names = args.slice(1);
  const strategies = types.flatMap(resolve);
  if (!names.length && !o.allowEmptyNames) throw fail('resource(s) were provided, but no name was specified');
  return { targets: strategies.map((strategy) => ({ strategy, names: names.length ? [...names] : undefined })), warnings };
}
