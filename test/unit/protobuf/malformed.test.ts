// Untrusted bytes: every malformed or hostile body is a BadRequest, never a crash, hang or prototype change.
import { describe, it, expect } from 'vitest';
import { ApiError } from '../../../durable-objects/apiserver/errors.ts';
import { decodeProtobuf } from '../../../durable-objects/apiserver/protobuf/index.ts';
import { decodeMessage, MAX_DEPTH } from '../../../durable-objects/apiserver/protobuf/decode-message.ts';
import { message, msg, type MessageDescriptor } from '../../../durable-objects/apiserver/protobuf/descriptor.ts';
import { kubectlFixtures } from './fixtures/kubectl.ts';
import { protocFixtures } from './fixtures/protoc.ts';
import { envelope, fromBase64, lenField, strField, tag, varint, varintField } from './fixtures/bytes.ts';

function badRequest(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).reason).toBe('BadRequest');
    expect((e as ApiError).code).toBe(400);
    return e as ApiError;
  }
  throw new Error('expected a BadRequest, got a result');
}

const deployment = fromBase64(kubectlFixtures.find((f) => f.name === 'deployment')!.body);
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

describe('decodeProtobuf rejects malformed bodies with BadRequest', () => {
  it('an empty body and a wrong magic', () => {
    expect(badRequest(() => decodeProtobuf(new Uint8Array())).message).toMatch(/^error decoding protobuf body: .*k8s/);
    badRequest(() => decodeProtobuf(new TextEncoder().encode('{"kind":"Pod"}')));
    const wrong = deployment.slice();
    wrong[3] = 1;
    badRequest(() => decodeProtobuf(wrong));
  });

  it('a body truncated inside the object', () => {
    const e = badRequest(() => decodeProtobuf(deployment.subarray(0, deployment.length - 40)));
    expect(e.message).toMatch(/^error decoding protobuf body: /);
  });

  it('every truncation of every fixture either decodes or is a BadRequest, never another error', () => {
    for (const f of [...kubectlFixtures, ...protocFixtures]) {
      const body = fromBase64(f.body);
      for (let n = 0; n < body.length; n++) {
        try {
          decodeProtobuf(body.subarray(0, n));
        } catch (e) {
          if (!(e instanceof ApiError) || e.reason !== 'BadRequest') throw new Error(`${f.name} cut at ${n}: ${String(e)}`);
        }
      }
    }
  });

  it('a length prefix far beyond the body', () => {
    const huge = new Uint8Array([...MAGIC, ...tag(2, 2), ...varint(0xffffffff), 1, 2, 3]);
    expect(badRequest(() => decodeProtobuf(huge)).message).toMatch(/exceeds/);
    const tenBytes = new Uint8Array([...MAGIC, ...tag(2, 2), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    badRequest(() => decodeProtobuf(tenBytes));
    // A nested length that fits the body but not its enclosing message.
    const nested = envelope('v1', 'ConfigMap', [...tag(1, 2), ...varint(200), ...strField(1, 'x')]);
    badRequest(() => decodeProtobuf(nested));
  });

  it('a varint longer than ten bytes', () => {
    const raw = [...tag(7, 0), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
    expect(badRequest(() => decodeProtobuf(envelope('v1', 'Namespace', lenField(1, raw)))).message).toMatch(/overflow/);
  });

  it('nesting deeper than the limit', () => {
    const Node: MessageDescriptor = message('Node', [msg(1, 'child', () => Node)]);
    let bytes: number[] = [];
    for (let i = 0; i < MAX_DEPTH + 5; i++) bytes = lenField(1, bytes);
    const buf = new Uint8Array(bytes);
    expect(badRequest(() => decodeMessage(Node, buf, 0, buf.length)).message).toMatch(/nesting depth/);
    let shallow: number[] = [];
    for (let i = 0; i < MAX_DEPTH - 2; i++) shallow = lenField(1, shallow);
    expect(() => decodeMessage(Node, new Uint8Array(shallow), 0, shallow.length)).not.toThrow();
  });

  it('deep nesting inside an unknown field is skipped without recursion', () => {
    let junk: number[] = [];
    for (let i = 0; i < 2000; i++) junk = lenField(5, junk);
    const raw = [...lenField(1, strField(1, 'cm')), ...lenField(99, junk)];
    expect(decodeProtobuf(envelope('v1', 'ConfigMap', raw))).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cm' } });
  });

  it('wrong wire types, illegal tags and groups', () => {
    // metadata.name sent as a varint
    badRequest(() => decodeProtobuf(envelope('v1', 'ConfigMap', lenField(1, varintField(1, 5)))));
    // field number 0
    badRequest(() => decodeProtobuf(envelope('v1', 'ConfigMap', [0x02, 0x00])));
    // start-group (wire type 3) in an unknown field
    badRequest(() => decodeProtobuf(envelope('v1', 'ConfigMap', [...tag(50, 3), ...tag(50, 4)])));
    // wire type 7 does not exist
    badRequest(() => decodeProtobuf(envelope('v1', 'ConfigMap', [...tag(50, 7)])));
  });

  it('bad leaf values: Time out of range, IntOrString type, Quantity syntax', () => {
    const time = lenField(1, lenField(8, varintField(1, 1e15)));
    expect(badRequest(() => decodeProtobuf(envelope('v1', 'Namespace', time))).message).toMatch(/Time/);
    const port = lenField(2, lenField(1, [...varintField(3, 80), ...lenField(4, varintField(1, 7))]));
    expect(badRequest(() => decodeProtobuf(envelope('v1', 'Service', port))).message).toMatch(/IntOrString/);
    const container = lenField(2, [...strField(1, 'c'), ...lenField(8, lenField(1, [...strField(1, 'cpu'), ...lenField(2, strField(1, 'lots'))]))]);
    const pod = lenField(2, container);
    expect(badRequest(() => decodeProtobuf(envelope('v1', 'Pod', pod))).message).toMatch(/quantities/);
  });

  it('unknown or missing kinds', () => {
    const e = badRequest(() => decodeProtobuf(envelope('batch/v1', 'Job', [])));
    expect(e.message).toBe('protobuf is not supported for batch/v1 Job; send JSON or YAML');
    badRequest(() => decodeProtobuf(envelope('v1', '', [])));
    badRequest(() => decodeProtobuf(envelope('', 'Pod', [])));
  });

  it('a compressed inner object', () => {
    const body = [...envelope('v1', 'ConfigMap', [])].concat(strField(3, 'gzip'));
    expect(badRequest(() => decodeProtobuf(new Uint8Array(body))).message).toMatch(/contentEncoding/);
  });

  it('random corruption of real bodies only ever yields an object or a BadRequest', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const bodies = [...kubectlFixtures, ...protocFixtures].map((f) => fromBase64(f.body));
    for (let i = 0; i < 3000; i++) {
      const body = bodies[rand(bodies.length)]!.slice();
      for (let k = 1 + rand(4); k > 0; k--) body[4 + rand(body.length - 4)] = rand(256);
      try {
        const out = decodeProtobuf(body);
        expect(typeof out).toBe('object');
      } catch (e) {
        if (!(e instanceof ApiError) || e.reason !== 'BadRequest') throw new Error(`mutation ${i}: ${String(e)}`);
      }
    }
  });
});

describe('wire-level leniency', () => {
  it('skips unknown fields of every wire type (0, 1, 2, 5)', () => {
    const meta = [
      ...varintField(90, 123456789012n),
      ...tag(91, 1), 1, 2, 3, 4, 5, 6, 7, 8,
      ...lenField(92, [9, 9, 9]),
      ...tag(93, 5), 1, 2, 3, 4,
      ...strField(1, 'x'),
    ];
    const raw = [...lenField(1, meta), ...varintField(77, 1), ...lenField(2, strField(1, 'kubernetes'))];
    const body = [...envelope('v1', 'Namespace', raw), ...varintField(40, 3)];
    expect(decodeProtobuf(new Uint8Array(body))).toEqual({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'x' }, spec: { finalizers: ['kubernetes'] } });
  });

  it('lets the last scalar win and merges repeated singular messages', () => {
    const raw = [...lenField(1, [...strField(1, 'a'), ...strField(3, 'ns')]), ...lenField(1, strField(1, 'b')), ...lenField(1, strField(3, ''))];
    expect(decodeProtobuf(envelope('v1', 'ConfigMap', raw))).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'b' } });
  });

  it('treats a "__proto__" map key as data', () => {
    const entry = lenField(2, [...strField(1, '__proto__'), ...strField(2, 'x')]);
    const out = decodeProtobuf(envelope('v1', 'ConfigMap', entry)) as { data: Record<string, unknown> };
    expect(Object.getPrototypeOf(out.data)).toBe(Object.prototype);
    expect(Object.keys(out.data)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(out)).data).toEqual(JSON.parse('{"__proto__":"x"}'));
  });

  it('accepts packed repeated integers and keeps int64 beyond 32 bits', () => {
    const groups = lenField(4, [...varint(1), ...varint(4294967296), ...varint(-1)]);
    const pod = lenField(2, lenField(14, groups));
    const out = decodeProtobuf(envelope('v1', 'Pod', pod)) as any;
    expect(out.spec.securityContext.supplementalGroups).toEqual([1, 4294967296, -1]);
  });

  it('an empty raw decodes to just the type', () => {
    expect(decodeProtobuf(envelope('v1', 'ServiceAccount', []))).toEqual({ kind: 'ServiceAccount', apiVersion: 'v1' });
  });
});
