// `kubectl expose TYPE NAME --port=...`: a Service whose selector, ports and labels come from the exposed object.
import type { KubeObject } from '../../types.ts';
import { flag, FILENAME_FLAGS, type Command } from '../context.ts';
import { fail, ServerError, errorText, usageError } from '../errors.ts';
import { objectName, parseOutput, printObjects } from '../output/printers.ts';
import { finish, lookup } from '../targets.ts';

type Any = Record<string, any>;

function parseMap(spec: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const [k, v, ...extra] = part.split('=');
    if (!k || v === undefined || extra.length) throw fail(`unexpected ${what} spec: ${part}`);
    out[k] = v;
  }
  return out;
}

/** MapBasedSelectorForObject. */
function selectorOf(obj: Any): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      if (!Object.keys(obj.metadata.labels ?? {}).length) throw fail(`couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`);
      return obj.metadata.labels;
    case 'Service':
      if (!obj.spec?.selector) throw fail(`couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set`);
      return obj.spec.selector;
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec?.selector ?? {};
      if (sel.matchExpressions?.length) throw fail(`couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return sel.matchLabels ?? {};
    }
    default:
      throw fail(`cannot expose a ${obj.kind}`);
  }
}

/** PortsForObject and ProtocolsForObject: container ports (or Service ports) in order. */
function portsOf(obj: Any): Array<{ port: number; protocol: string }> {
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p: Any) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const spec = obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  return (spec?.containers ?? []).flatMap((c: Any) => (c.ports ?? []).map((p: Any) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

export const expose: Command = {
  path: 'expose',
  flags: [
    ...FILENAME_FLAGS,
    flag.str('port'),
    flag.str('target-port'),
    flag.str('type'),
    flag.str('name'),
    flag.str('protocol'),
    flag.str('selector'),
    flag.str('labels', 'l'),
    flag.str('external-ip'),
    flag.str('cluster-ip'),
    flag.str('session-affinity'),
    flag.str('load-balancer-ip'),
    flag.str('dry-run'),
    flag.str('output', 'o'),
    flag.str('override-type'),
    flag.str('overrides'),
  ],
  async run(ctx, p) {
    if (!p.args.length) throw usageError('expose', 'You must provide one or more resources by argument or filename.');
    const fmt = parseOutput(p.str('output'), ['json', 'yaml', 'name', 'jsonpath']);
    const { found, errors } = await lookup(ctx, p, p.args);
    const svcKind = ctx.registry.lookup('', 'v1', 'services')!;
    for (const { obj } of found) {
      const selector = p.str('selector') ? parseMap(p.str('selector')!, 'label') : selectorOf(obj);
      let ports: Array<{ port: number; protocol: string }>;
      if (p.str('port')) ports = p.str('port')!.split(',').map((x) => ({ port: Number(x), protocol: p.str('protocol') ?? 'TCP' }));
      else {
        ports = portsOf(obj);
        if (!ports.length && p.str('cluster-ip') !== 'None') throw fail(`couldn't find port via --port flag or introspection`);
      }
      if (ports.some((x) => !Number.isInteger(x.port))) throw fail(`strconv.Atoi: parsing "${p.str('port')}": invalid syntax`);
      const target = p.str('target-port');
      const spec: Any = {
        ports: ports.map((x, i) => ({
          ...(ports.length > 1 ? { name: `port-${i + 1}` } : {}),
          port: x.port,
          protocol: x.protocol,
          targetPort: target === undefined ? x.port : /^\d+$/.test(target) ? Number(target) : target,
        })),
        selector,
      };
      if (p.str('type')) spec.type = p.str('type');
      if (p.str('cluster-ip')) spec.clusterIP = p.str('cluster-ip');
      if (p.str('external-ip')) spec.externalIPs = [p.str('external-ip')];
      if (p.str('session-affinity')) spec.sessionAffinity = p.str('session-affinity');
      if (spec.type === 'LoadBalancer' && p.str('load-balancer-ip')) spec.loadBalancerIP = p.str('load-balancer-ip');
      const labels = p.str('labels') ? parseMap(p.str('labels')!, 'label') : obj.metadata.labels;
      const name = (p.str('name') ?? obj.metadata.name!).slice(0, 63);
      const svc = { apiVersion: 'v1', kind: 'Service', metadata: { ...(labels ? { labels } : {}), name }, spec } as KubeObject;
      if (p.str('dry-run') === 'client') {
        ctx.out(fmt.kind === 'table' ? `${objectName(svc)} exposed (dry run)\n` : printObjects(fmt, [svc], true));
        continue;
      }
      try {
        const made = await ctx.client.create(svcKind, ctx.namespace, svc, { fieldManager: 'kubectl-expose' });
        ctx.out(fmt.kind === 'table' ? `${objectName(made)} exposed\n` : printObjects(fmt, [made], true));
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errors.push(errorText(e));
      }
    }
    return finish(ctx, errors);
  },
};
