// Real kubectl (and protoc) bodies must decode to exactly the JSON kubectl would have sent instead.
import { describe, it, expect } from 'vitest';
import { decodeProtobuf, PROTOBUF_CONTENT_TYPE } from '../../../durable-objects/apiserver/protobuf/index.ts';
import { kubectlFixtures } from './fixtures/kubectl.ts';
import { protocFixtures } from './fixtures/protoc.ts';
import { fromBase64 } from './fixtures/bytes.ts';

/**
 * kubectl prints `creationTimestamp: null` for the zero time; the decoder omits it, as newer Kubernetes
 * releases do (omitzero). Everything else must match kubectl's own JSON exactly.
 */
function withoutNullTimestamps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNullTimestamps);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!(k === 'creationTimestamp' && x === null)) out[k] = withoutNullTimestamps(x);
    return out;
  }
  return v;
}

describe('decodeProtobuf on bodies captured from kubectl v1.32', () => {
  it('exports the media type kubectl sends', () => {
    expect(PROTOBUF_CONTENT_TYPE).toBe('application/vnd.kubernetes.protobuf');
  });

  for (const f of kubectlFixtures) {
    it(`${f.name}: ${f.command}`, () => {
      const decoded = decodeProtobuf(fromBase64(f.body));
      const expected = withoutNullTimestamps(f.expected);
      expect(decoded).toEqual(expected);
      // Same key order as kubectl prints: stored objects read back the way kube-apiserver would show them.
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
    });
  }
});

describe('decodeProtobuf on protoc-encoded bodies', () => {
  for (const f of protocFixtures) {
    it(f.name, () => {
      expect(decodeProtobuf(fromBase64(f.body))).toEqual(f.expected);
    });
  }

  it('renders an Eviction the way kubectl drain sends it as JSON', () => {
    const drain = protocFixtures.find((f) => f.name === 'eviction-drain')!;
    const sentByDrain = { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name: 'p1', namespace: 'default', creationTimestamp: null }, deleteOptions: {} };
    expect(decodeProtobuf(fromBase64(drain.body))).toEqual(withoutNullTimestamps(sentByDrain));
  });

  it('keeps the zero values that pointers and non-omitempty fields carry', () => {
    const pod = decodeProtobuf(fromBase64(protocFixtures.find((f) => f.name === 'pod-rich')!.body)) as any;
    expect(pod.spec.priority).toBe(-10);
    expect(pod.spec.tolerations[0].tolerationSeconds).toBe(-5);
    expect(pod.spec.enableServiceLinks).toBe(false);
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(pod.spec.containers[0].ports[1]).toEqual({ containerPort: 0 });
    // affinity and topologySpreadConstraints have no descriptor: skipped, not fatal.
    expect(pod.spec).not.toHaveProperty('affinity');
    expect(pod.spec).not.toHaveProperty('topologySpreadConstraints');
  });
});
