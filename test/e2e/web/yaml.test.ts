// The page's YAML helpers, without a browser: objects printed as `kubectl get -o yaml` prints them, and server errors
// mapped to the editor lines they point at.
import { describe, expect, it } from 'vitest';
import { toYaml as printYaml } from '../../../durable-objects/kubectl/output/yaml.ts';
import { withoutManagedFields } from '../../../durable-objects/kubectl/output/managed-fields.ts';

/** What the inspector shows. */
const toYaml = (o: any) => printYaml(withoutManagedFields(o));
import { locate } from '../../../web/src/lib/yaml-locate.ts';
import { errorLines } from '../../../web/src/lib/errors.ts';
import { NGINX } from './helpers/cluster.ts';

describe('toYaml', () => {
  it('prints like kubectl: sorted keys, lists flush with their key, go-yaml quoting, no managedFields', () => {
    const obj = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'tricky', labels: { b: '0123', a: 'true', c: 'yes' }, managedFields: [{ manager: 'kubectl' }], creationTimestamp: '2026-11-28T01:55:15Z' },
      data: { multi: 'line one\nline two\n', nonl: 'a\nb', colon: 'a: b', hash: 'x #y', empty: '', star: '*', dash: '- x', flag: '--x', num: '1.5', quote: "it's", url: 'http://x:80/y' },
      spec: { containers: [{ name: 'web', ports: [{ containerPort: 80 }], args: [] }], replicas: 3, paused: false, extra: {} },
    };
    expect(toYaml(obj)).toBe(`apiVersion: v1
data:
  colon: 'a: b'
  dash: '- x'
  empty: ""
  flag: --x
  hash: 'x #y'
  multi: |
    line one
    line two
  nonl: |-
    a
    b
  num: "1.5"
  quote: it's
  star: '*'
  url: http://x:80/y
kind: ConfigMap
metadata:
  creationTimestamp: "2026-11-28T01:55:15Z"
  labels:
    a: "true"
    b: "0123"
    c: "yes"
  name: tricky
spec:
  containers:
  - args: []
    name: web
    ports:
    - containerPort: 80
  extra: {}
  paused: false
  replicas: 3
`);
  });
});

describe('locate', () => {
  it('finds fields, list items and their deepest present ancestor', () => {
    expect(locate(NGINX, 'spec.replicas')).toBe(8);
    expect(locate(NGINX, 'spec.template.spec.containers[0].image')).toBe(19);
    expect(locate(NGINX, 'spec.template.spec.containers[0].ports[0].containerPort')).toBe(21);
    // absent: the closest thing that is there
    expect(locate(NGINX, 'spec.template.spec.containers[0].resources.limits')).toBe(18);
    expect(locate(NGINX, 'spec.template.spec.containers[1]')).toBe(17);
  });

  it('picks the document of the kind and name the error names', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n---\n${NGINX}`;
    expect(locate(text, 'spec.replicas', { kind: 'Deployment', name: 'nginx-deployment' })).toBe(16);
    expect(locate(text, 'spec.ports[0].port', { kind: 'Service', name: 'web' })).toBe(7);
    expect(locate(text, 'spec', { kind: 'Deployment', name: 'nginx-deployment' })).toBe(15);
  });

  it('skips block scalars and flow collections', () => {
    const text = 'data:\n  script: |\n    a: 1\n    b: 2\n  other: x\n  flow: {a: 1}\n';
    expect(locate(text, 'data.other')).toBe(5);
    expect(locate(text, 'data.flow.a')).toBe(6);
  });
});

describe('errorLines', () => {
  it('reads YAML syntax errors, invalid fields and unknown fields', () => {
    expect(errorLines('a: 1\n', { message: 'error parsing YAML at line 4, column 9: bad', details: { causes: [{ field: 'line 4, column 9', message: 'bad' }] } })).toEqual([{ line: 4, column: 9, message: 'bad' }]);
    const invalid = errorLines(NGINX, { message: 'Deployment.apps "nginx-deployment" is invalid', details: { kind: 'Deployment', name: 'nginx-deployment', causes: [{ field: 'spec.replicas', message: 'Invalid value: -1' }] } });
    expect(invalid).toEqual([{ line: 8, message: 'spec.replicas: Invalid value: -1' }]);
    const unknown = errorLines(NGINX.replace('  replicas: 3', '  replicaz: 3'), { message: 'strict decoding error: unknown field "spec.replicaz"' });
    expect(unknown).toEqual([{ line: 8, message: 'unknown field "spec.replicaz"' }]);
    expect(errorLines('x', { message: 'document at line 3: apiVersion and kind are required' })).toEqual([{ line: 3, column: undefined, message: 'document at line 3: apiVersion and kind are required' }]);
  });
});
