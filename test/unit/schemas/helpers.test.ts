// The small helpers strategies reuse: paths, messages, name and selector checks, quantities, addresses.
import { describe, expect, it } from 'vitest';
import {
  fieldError,
  formatFieldPath,
  isCIDR,
  isIP,
  mapKey,
  parseQuantity,
  validateDNS1035Label,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLabels,
  validateLabelSelectorSyntax,
  validateQualifiedName,
} from '../../../durable-objects/registry/schemas/index.ts';

describe('field paths', () => {
  it.each([
    [['spec', 'template', 'spec', 'containers', 0, 'name'], 'spec.template.spec.containers[0].name'],
    [['metadata', 'labels'], 'metadata.labels'],
    [['data', mapKey('bad key')], 'data[bad key]'],
    [['spec', 'containers', 1, 'resources', 'limits', mapKey('cpu')], 'spec.containers[1].resources.limits[cpu]'],
    [[], ''],
  ] as const)('formats %j as %s', (path, text) => {
    expect(formatFieldPath(path)).toBe(text);
  });
});

describe('field error constructors', () => {
  it('word causes like apiserver', () => {
    expect(fieldError.invalid('spec.replicas', -1, 'must be greater than or equal to 0')).toEqual({ type: 'FieldValueInvalid', field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' });
    expect(fieldError.required(['spec', 'selector'])).toEqual({ type: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' });
    expect(fieldError.notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'Never', 'OnFailure']).message).toBe('Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"');
    expect(fieldError.immutable('spec.selector', { matchLabels: { app: 'x' } }).message).toBe('Invalid value: {"matchLabels":{"app":"x"}}: field is immutable');
    expect(fieldError.forbidden('spec.x', 'not allowed').message).toBe('Forbidden: not allowed');
    expect(fieldError.duplicate('spec.containers[1].name', 'nginx').message).toBe('Duplicate value: "nginx"');
    expect(fieldError.tooLong('metadata.annotations', 262144).message).toBe('Too long: may not be more than 262144 bytes');
  });
});

describe('name validators for strategies', () => {
  it('return one error per problem, at the given field', () => {
    expect(validateDNS1123Subdomain('nginx.example.com', 'metadata.name')).toEqual([]);
    const errs = validateDNS1123Subdomain('-' + 'a'.repeat(253), 'metadata.name');
    expect(errs.map((e) => e.message.split(': ')[2])).toEqual(['must be no more than 253 characters', expect.stringContaining('a lowercase RFC 1123 subdomain')]);
    expect(validateDNS1123Label('a.b', ['spec', 'hostname'])).toEqual([{ type: 'FieldValueInvalid', field: 'spec.hostname', message: 'Invalid value: "a.b": must not contain dots' }]);
    expect(validateDNS1035Label('web', 'metadata.name')).toEqual([]);
    expect(validateDNS1035Label('9web', 'metadata.name')).toHaveLength(1);
    expect(validateQualifiedName('example.com/my-key', 'key')).toEqual([]);
    expect(validateQualifiedName('a/b/c', 'key')[0]!.message).toContain("a qualified name must consist of alphanumeric characters");
    expect(validateQualifiedName('/x', 'key')[0]!.message).toBe('Invalid value: "/x": prefix part must be non-empty');
  });

  it('check label maps', () => {
    expect(validateLabels({ app: 'nginx', 'app.kubernetes.io/name': 'web' }, 'metadata.labels')).toEqual([]);
    expect(validateLabels({ app: 'bad value' }, 'metadata.labels')[0]!.message).toContain('a valid label must be an empty string or consist of alphanumeric characters');
  });

  it('check label selectors', () => {
    expect(validateLabelSelectorSyntax({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, 'spec.selector')).toEqual([]);
    expect(validateLabelSelectorSyntax({ matchExpressions: [{ key: 'tier', operator: 'In' }] }, 'spec.selector')).toEqual([
      { type: 'FieldValueRequired', field: 'spec.selector.matchExpressions[0].values', message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" },
    ]);
    expect(validateLabelSelectorSyntax({ matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['a'] }] }, 'spec.selector')[0]!.message).toBe(
      "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    );
  });
});

describe('quantities', () => {
  it.each([
    ['500m', 0.5],
    ['1', 1],
    [2, 2],
    [0.5, 0.5],
    ['1Ki', 1024],
    ['128Mi', 128 * 2 ** 20],
    ['1G', 1e9],
    ['1e3', 1000],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['-1', -1],
    ['+3k', 3000],
  ] as const)('parses %s', (q, value) => {
    expect(parseQuantity(q)).toEqual({ ok: true, value });
  });

  it.each([
    ['two', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1.5.5', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1K', "unable to parse quantity's suffix"],
    ['1Mb', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
  ])('rejects %j', (q, error) => {
    expect(parseQuantity(q)).toEqual({ ok: false, error });
  });
});

describe('addresses', () => {
  it.each([
    ['10.0.0.1', true],
    ['256.0.0.1', false],
    ['2001:db8::ffff', true],
    ['::1', true],
    ['::ffff:10.0.0.1', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['host.example', false],
  ])('IP %s: %s', (ip, ok) => {
    expect(isIP(ip)).toBe(ok);
  });

  it.each([
    ['10.244.0.0/16', true],
    ['10.244.0.0/33', false],
    ['fd00::/64', true],
    ['10.244.0.0', false],
  ])('CIDR %s: %s', (cidr, ok) => {
    expect(isCIDR(cidr)).toBe(ok);
  });
});
