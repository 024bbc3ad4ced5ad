// The printing primitives behind every command: tab alignment, YAML/JSON as kubectl writes them, JSONPath, quantities.
import { describe, expect, it } from 'vitest';
import { TabWriter, tableWriter } from '../../../durable-objects/kubectl/print.ts';
import { toYaml } from '../../../durable-objects/kubectl/output/yaml.ts';
import { toJson } from '../../../durable-objects/kubectl/output/json.ts';
import { evalJsonPath, JsonPathError } from '../../../durable-objects/kubectl/output/jsonpath.ts';
import { Quantity } from '../../../durable-objects/kubectl/describe/quantity.ts';

describe('Tab writer', () => {
  it('pads columns to the widest cell plus padding and leaves the last cell alone', () => {
    const w = tableWriter();
    w.write('NAME\tAGE\nnginx-deployment\t5m\n');
    expect(w.toString()).toBe('NAME               AGE\nnginx-deployment   5m\n');
  });

  it('keeps narrow columns at the minimum width', () => {
    const w = tableWriter();
    w.write('A\tB\tC\nx\ty\tz\n');
    expect(w.toString()).toBe('A     B     C\nx     y     z\n');
  });

  it('aligns a column only across consecutive lines that have it', () => {
    const w = new TabWriter(0, 2);
    w.write('Name:\tweb\nLabels:\tapp=web\nno tabs here\nVeryLongField:\tx\n');
    expect(w.toString()).toBe('Name:    web\nLabels:  app=web\nno tabs here\nVeryLongField:  x\n');
  });

  it('starts new column widths after a flush', () => {
    const w = new TabWriter(0, 2);
    w.write('a:\t1\n');
    w.flush();
    w.write('longer:\t2\n');
    expect(w.toString()).toBe('a:  1\nlonger:  2\n');
  });
});

describe('YAML and JSON output', () => {
  it('sorts keys, leaves sequences unindented and quotes what YAML 1.1 would misread', () => {
    expect(toYaml({ b: [{ y: '2', x: true }], a: { on: 'off', empty: {}, list: [] } })).toBe('a:\n  empty: {}\n  list: []\n  "on": "off"\nb:\n- x: true\n  "y": "2"\n');
  });

  it('writes multi-line text as literal blocks with the right chomping', () => {
    expect(toYaml({ a: 'x\ny\n', b: 'x\ny', c: 'x\n\n', d: 1 })).toBe('a: |\n  x\n  y\nb: |-\n  x\n  y\nc: |+\n  x\n\nd: 1\n');
  });

  it('prints JSON with four spaces, sorted keys and Go\'s HTML escapes', () => {
    expect(toJson({ b: '<&>', a: [] })).toBe('{\n    "a": [],\n    "b": "\\u003c\\u0026\\u003e"\n}\n');
  });
});

describe('JSONPath templates', () => {
  const data = {
    items: [
      { metadata: { name: 'a', labels: { app: 'web' } }, status: { phase: 'Running' }, spec: { containers: [{ name: 'c1', image: 'nginx' }, { name: 'c2', image: 'redis' }] } },
      { metadata: { name: 'b', labels: {} }, status: { phase: 'Pending' }, spec: { containers: [{ name: 'c1', image: 'busybox' }] } },
    ],
  };

  it('prints fields, wildcards and slices separated by spaces', () => {
    expect(evalJsonPath('{.items[*].metadata.name}', data)).toBe('a b');
    expect(evalJsonPath('{.items[*].spec.containers[*].image}', data)).toBe('nginx redis busybox');
    expect(evalJsonPath('{.items[-1:].metadata.name}', data)).toBe('b');
    expect(evalJsonPath('{.items[0].metadata.labels}', data)).toBe('{"app":"web"}');
  });

  it('filters, ranges (nested too) and prints literals', () => {
    expect(evalJsonPath('{.items[?(@.status.phase=="Running")].metadata.name}', data)).toBe('a');
    expect(evalJsonPath('{range .items[*]}{.metadata.name}:{range .spec.containers[*]}{.name},{end};{end}', data)).toBe('a:c1,c2,;b:c1,;');
    expect(evalJsonPath('{.items[0].metadata.name}{"\\t"}{.items[1].metadata.name}{"\\n"}', data)).toBe('a\tb\n');
  });

  it('finds keys at any depth with ..', () => {
    expect(evalJsonPath('{..image}', { spec: { image: 'x', nested: [{ image: 'y' }] } })).toBe('x y');
  });

  it('prints nothing for a missing key and fails on bad indexes', () => {
    expect(evalJsonPath('{.items[0].nope}', data)).toBe('');
    expect(() => evalJsonPath('{.items[5]}', data)).toThrow(JsonPathError);
  });
});

describe('Resource quantities', () => {
  it('sums exactly and prints the canonical form', () => {
    expect(Quantity.parse('100m').add(Quantity.parse('1')).toString()).toBe('1100m');
    expect(Quantity.parse('64Mi').add(Quantity.parse('64Mi')).toString()).toBe('128Mi');
    expect(Quantity.parse('0.5').toString()).toBe('500m');
    expect(Quantity.parse('2000').toString()).toBe('2k');
    expect(Quantity.parse('8050132Ki').toString()).toBe('8050132Ki');
    expect(Quantity.zero().toString()).toBe('0');
    expect(Quantity.parse('250m').milli()).toBe(250);
  });
});
