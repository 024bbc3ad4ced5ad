// Service IP and NodePort allocation at admission, as the Service REST storage does it.
import { errors } from '../errors.ts';
import type { AdmissionPlugin } from '../context.ts';
import type { Service } from '../../registry/schemas/index.ts';
import { allocateNodePort, allocateServiceIP, nodePortsInUse, serviceIPProblem, NODE_PORT_MAX, NODE_PORT_MIN } from '../../network/ipam.ts';

export const serviceIPs = {
  name: 'ServiceIPs',
  handles: (r) => r === 'services',
  admit(a, ctx) {
    if (a.operation === 'delete' || a.subresource === 'status') return;
    const svc = a.object as Service;
    const old = a.old as Service | undefined;
    const spec = (svc.spec ??= {});
    const name = svc.metadata.name ?? '';
    if (spec.type === 'ExternalName') {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    } else if (old?.spec?.clusterIP && old.spec.type !== 'ExternalName' && (!spec.clusterIP || spec.clusterIP === old.spec.clusterIP)) {
      spec.clusterIP = old.spec.clusterIP;
      spec.clusterIPs = old.spec.clusterIPs ?? [old.spec.clusterIP];
    } else if (!spec.clusterIP) {
      spec.clusterIP = a.dryRun ? '10.96.0.0' : allocateServiceIP(ctx.store, ctx.random);
      spec.clusterIPs = [spec.clusterIP];
    } else if (spec.clusterIP !== 'None') {
      const problem = serviceIPProblem(ctx.store, spec.clusterIP, old?.spec?.clusterIP);
      if (problem) throw errors.invalid('Service', '', name, [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: []string{"${spec.clusterIP}"}: ${problem}` }]);
      spec.clusterIPs = [spec.clusterIP];
    } else {
      spec.clusterIPs = ['None'];
    }

    const wantsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    const used = nodePortsInUse(ctx.store, { namespace: svc.metadata.namespace ?? '', name });
    (spec.ports ?? []).forEach((p, i) => {
      if (!wantsNodePorts) {
        delete p.nodePort;
        return;
      }
      const before = old?.spec?.ports?.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort;
      if (!p.nodePort && before) p.nodePort = before;
      if (!p.nodePort) {
        p.nodePort = allocateNodePort(used, ctx.random);
        return;
      }
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
        throw errors.invalid('Service', '', name, [
          { type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` },
        ]);
      if (used.has(p.nodePort) && p.nodePort !== before)
        throw errors.invalid('Service', '', name, [{ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is already allocated` }]);
      used.add(p.nodePort);
    });
  },
} satisfies AdmissionPlugin;
