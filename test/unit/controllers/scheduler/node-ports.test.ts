import { describe, expect, it } from 'vitest';
import { nodePorts } from '../../../../durable-objects/controllers/scheduler/plugins/node-ports.ts';
import type { Container } from '../../../../durable-objects/registry/schemas/index.ts';
import { cycleOf, filterVerdicts, node, pod, type PodOpts } from './fixtures.ts';

const TAKEN = "Unschedulable: node(s) didn't have free ports for the requested pod ports";

describe('NodePorts filter', () => {
  const cases: Array<{ name: string; existing: PodOpts['hostPorts']; incoming: PodOpts['hostPorts']; want: string }> = [
    { name: 'a free host port passes', existing: [8080], incoming: [8081], want: '' },
    { name: 'the same port and protocol conflicts', existing: [8080], incoming: [8080], want: TAKEN },
    { name: 'the same port over another protocol is free', existing: [8080], incoming: [{ port: 8080, protocol: 'UDP' }], want: '' },
    { name: 'a specific address clashes with a pod bound to all addresses', existing: [8080], incoming: [{ port: 8080, ip: '10.0.0.1' }], want: TAKEN },
    { name: 'all addresses clash with a pod bound to one address', existing: [{ port: 8080, ip: '10.0.0.1' }], incoming: [8080], want: TAKEN },
    { name: 'two different addresses share the port', existing: [{ port: 8080, ip: '10.0.0.1' }], incoming: [{ port: 8080, ip: '10.0.0.2' }], want: '' },
    { name: 'a pod without host ports always fits', existing: [8080], incoming: [], want: '' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cycle = cycleOf(pod('p', { hostPorts: c.incoming }), [node('n1')], [pod('old', { node: 'n1', hostPorts: c.existing })]);
      expect(filterVerdicts(nodePorts, cycle)).toEqual({ n1: c.want });
    });
  }

  it('treats a hostNetwork pod container port as its host port', () => {
    const hostNet = pod('p', { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9100, protocol: 'TCP' }] } as Container] });
    hostNet.spec!.hostNetwork = true;
    const cycle = cycleOf(hostNet, [node('n1'), node('n2')], [pod('old', { node: 'n1', hostPorts: [9100] })]);
    expect(filterVerdicts(nodePorts, cycle)).toEqual({ n1: TAKEN, n2: '' });
  });

  it('frees the port once the pod holding it has finished', () => {
    const cycle = cycleOf(pod('p', { hostPorts: [8080] }), [node('n1')], [pod('old', { node: 'n1', hostPorts: [8080], phase: 'Succeeded' })]);
    expect(filterVerdicts(nodePorts, cycle)).toEqual({ n1: '' });
  });
});
