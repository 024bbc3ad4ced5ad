// The command lines whose kubectl output is captured as reference (see capture.ts); each scenario starts from a
// fresh fixture and runs its steps in order.
import { parse } from 'yaml';
import type { Scenario } from './types.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web-svc
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;


/** Values that exercise the YAML emitter's quoting, folding and block styles, and Go's JSON escaping. */
const TRICKY = JSON.stringify({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'tricky', annotations: { 'example.com/long': 'word '.repeat(30).trim(), 'example.com/json': '{"a":[1,2],"b":"<c>&"}' } },
  data: {
    bool: 'true',
    yes: 'yes',
    int: '80',
    float: '1.5',
    exp: '1e3',
    hex: '0x1F',
    under: '1_000',
    sexagesimal: '12:30',
    date: '2026-01-01',
    time: '2026-01-01T10:00:00Z',
    empty: '',
    nul: 'null',
    tilde: '~',
    dash: '-',
    'dash-space': '- item',
    colon: 'a: b',
    'colon-end': 'key:',
    hash: '#comment',
    'mid-hash': 'a #b',
    star: '*star',
    at: '@at',
    bang: '!tag',
    quote: "it's",
    dquote: 'say "hi"',
    leading: ' leading',
    trailing: 'trailing ',
    tab: 'a\tb',
    unicode: 'héllo wörld ✓',
    multi: 'line one\nline two\n',
    'multi-no-end': 'line one\nline two',
    'multi-ends': 'a\n\n\n',
    'multi-indented': '  indented\nnext\n',
    'multi-trailing-space': 'a \nb\n',
    long: 'The quick brown fox jumps over the lazy dog while the cat watches from a sunny windowsill nearby, unimpressed.',
    longword: 'x'.repeat(100),
    html: '<b>bold</b> & more',
    '80': 'numeric key',
    'true': 'bool key',
    'Z-upper': 'u',
    a10: 'ten',
    a9: 'nine',
    a_b: 'under',
    'a.b': 'dot',
  },
});

const RICH_POD = `apiVersion: v1
kind: Pod
metadata:
  name: rich
  labels:
    app: rich
spec:
  priorityClassName: ''
  initContainers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", "echo init\\nsleep 1"]
  containers:
  - name: app
    image: nginx:1.25
    args: ["--port", "8080"]
    ports:
    - containerPort: 8080
      name: http
    - containerPort: 9090
      protocol: UDP
      hostPort: 9090
    env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: color
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
          optional: true
    - name: CPU_LIMIT
      valueFrom:
        resourceFieldRef:
          resource: limits.cpu
    - name: MULTI
      value: "line1\\nline2"
    envFrom:
    - configMapRef:
        name: app-config
    - secretRef:
        name: db
      prefix: DB_
    resources:
      requests:
        cpu: "0.25"
        memory: 1Gi
      limits:
        cpu: "1"
        memory: 2Gi
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
      initialDelaySeconds: 5
    readinessProbe:
      tcpSocket:
        port: http
    startupProbe:
      exec:
        command: ["cat", "/tmp/ready"]
    volumeMounts:
    - name: config
      mountPath: /etc/config
      readOnly: true
    - name: cache
      mountPath: /cache
    - name: data
      mountPath: /data
      subPath: app
  volumes:
  - name: config
    configMap:
      name: app-config
  - name: cache
    emptyDir:
      medium: Memory
      sizeLimit: 64Mi
  - name: secret
    secret:
      secretName: db
      optional: true
  - name: data
    persistentVolumeClaim:
      claimName: data-claim
  - name: host
    hostPath:
      path: /var/log
      type: Directory
  - name: info
    downwardAPI:
      items:
      - path: labels
        fieldRef:
          fieldPath: metadata.labels
  - name: projected
    projected:
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - path: namespace
            fieldRef:
              fieldPath: metadata.namespace
  nodeSelector:
    disktype: ssd
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  - operator: Exists
  readinessGates:
  - conditionType: example.com/feature
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector:
      matchLabels:
        app: rich
`;

const RICH_RS = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'rich-rs' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'rich' } }, template: { metadata: { labels: { app: 'rich' } }, spec: (parse(RICH_POD) as { spec: unknown }).spec } },
};

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  key: value\n';

const k = (command: string, stdin?: string, ignore?: Scenario['steps'][number]['ignore'], unordered?: boolean) => ({ command: `kubectl ${command}`, stdin, ignore, unordered });

export const SCENARIOS: Scenario[] = [
  {
    name: 'get tables',
    steps: [
      k('get pods'),
      k('get pods -o wide'),
      k('get po -A'),
      k('get pods --show-labels'),
      k('get pods -l app=nginx'),
      k('get pods -l app=none'),
      k('get pods --field-selector spec.nodeName=worker-1'),
      k('get pods -n dev'),
      k('get deploy'),
      k('get deployments.apps -o wide'),
      k('get rs'),
      k('get svc'),
      k('get svc -o wide'),
      k('get nodes'),
      k('get nodes -o wide'),
      k('get ns'),
      k('get cm'),
      k('get all'),
      k('get all -A'),
      k('get events'),
      k('get pods,svc'),
      k('get pod busybox'),
      k('get pod busybox pending'),
      k('get pod/busybox deploy/nginx'),
      k('get pod nope'),
      k('get pod busybox nope'),
      k('get foo'),
      k('get'),
      k('get pods -L app,run'),
      k('get pods --no-headers'),
      k('get endpointslices'),
      k('get leases -A'),
    ],
  },
  {
    name: 'get objects',
    steps: [
      k('get pod busybox -o yaml'),
      k('get deploy nginx -o json'),
      k('get cm -o yaml'),
      k('get pods -o name'),
      k('get svc,deploy -o name'),
      k("get pods -o jsonpath='{.items[*].metadata.name}'"),
      k('get pods -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}\''),
      k("get pod busybox -o jsonpath='{.spec.containers[0].image}'"),
      k("get nodes -o jsonpath='{.items[?(@.metadata.name==\"worker-1\")].status.addresses[0].address}'"),
      k('get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName'),
      k('get pods -n dev -o yaml'),
      k('get pods -o bogus'),
      k('get node worker-1 -o yaml'),
      k('get svc web -o json'),
      k('create -f -', TRICKY),
      k('get cm tricky -o yaml'),
      k('get cm tricky -o json'),
      k("get cm tricky -o jsonpath='{.data.multi}'"),
      k("get pods -o jsonpath='{.items[0].metadata.labels}'"),
      k("get pods -o jsonpath='{.items[*].spec.containers[*].image}'"),
      k("get pods -o jsonpath='{range .items[*]}{@.metadata.name}:{end}'"),
      k("get pods -o jsonpath='{.items[-1:].metadata.name}'"),
      k("get pods -o jsonpath='{.items[1:3].metadata.name}'"),
      k("get pods -o jsonpath='{.items[?(@.status.phase==\"Running\")].metadata.name}'"),
      k("get deploy nginx -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'"),
      k("get deploy nginx -o jsonpath='{.spec.template.spec.containers[0].resources}'"),
      k("get deploy nginx -o jsonpath='{.status.replicas}{\"/\"}{.spec.replicas}'"),
      k("get nodes -o jsonpath='{.items[*].status.capacity.cpu}'"),
      k("get pods -o jsonpath='{.items[0].nope}'"),
      k("get pods -o jsonpath='{.items[7]}'"),
      k("get pods -o jsonpath={.items[0].metadata.name}"),
      k("get pods -o jsonpath='{.items[0].metadata.name'"),
      k('get pods -o custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels'),
      k('get pods -o custom-columns=NAME:metadata.name,MISSING:.status.nope'),
      k('get deploy -o yaml'),
      k('get ns default -o json'),
    ],
  },
  {
    name: 'describe',
    steps: [
      k('describe pod busybox'),
      k('describe pod nginx-7c5ddbdf54-2xkqz'),
      k('describe pod pending'),
      k('describe deploy nginx'),
      k('describe rs nginx-7c5ddbdf54'),
      k('describe svc nginx'),
      k('describe svc web'),
      k('describe node worker-1'),
      k('describe node control-plane-1'),
      k('describe ns dev'),
      k('describe cm app-config'),
      k('describe pods nginx'),
      k('describe pod nope'),
      k('describe endpointslice nginx-x7k2p'),
      k('describe lease worker-1 -n kube-node-lease'),
      k('describe'),
      k('describe svc'),
    ],
  },
  {
    name: 'apply and create',
    steps: [
      k('apply -f -', WEB),
      k('apply -f -', WEB),
      k('apply -f -', WEB.replace('replicas: 2', 'replicas: 4')),
      k("get deploy web -o jsonpath='{.spec.replicas}'"),
      k('apply -f -', WEB.replace('replicas: 2', 'replicas: -1')),
      k('apply -f -', ''),
      k('apply -f missing.yaml'),
      k('apply --server-side -f -', CM.replace('extra', 'ssa')),
      k('apply --server-side -f -', CM.replace('extra', 'ssa')),
      k('apply'),
      k('apply -n dev -f -', WEB),
      k('apply -f -', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n'),
      k('create -f -', CM),
      k('create -f -', CM),
      k('create deployment hello --image=nginx:1.25 --replicas=2'),
      k("get deploy hello -o jsonpath='{.spec.template.spec.containers[0].name} {.spec.replicas} {.metadata.labels}'"),
      k('create namespace test'),
      k('create configmap settings --from-literal=color=blue --from-literal=size=xl'),
      k("get cm settings -o jsonpath='{.data}'"),
      k('create secret generic creds --from-literal=password=s3cret'),
      k("get secret creds -o jsonpath='{.data.password}'"),
      k('create deployment web2 --image=nginx --dry-run=client -o yaml'),
      k('create deployment', undefined, ['stderr']),
    ],
  },
  {
    name: 'delete',
    steps: [
      k('delete pod busybox --grace-period=0 --force'),
      k('delete pod nope'),
      k('delete pods -l run=pending'),
      k('delete pods -l app=none'),
      k('delete -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n'),
      k('delete -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n'),
      k('delete -f - --ignore-not-found', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n'),
      k('delete svc web nginx'),
      k('delete cm --all'),
      k('delete'),
      k('delete pod'),
      k('get pods'),
      k('delete deploy/nginx rs/nginx-7c5ddbdf54 --wait=false'),
      k('delete ns dev --wait=false'),
    ],
  },
  {
    name: 'scale and rollout',
    steps: [
      k('rollout status deploy/nginx'),
      k('rollout history deploy/nginx'),
      k('rollout history deployment nginx --revision=1'),
      k('rollout history deploy/nginx --revision=7'),
      k('scale deploy nginx --replicas=5'),
      k("get deploy nginx -o jsonpath='{.spec.replicas}'"),
      k('scale deploy/nginx --replicas=2 --current-replicas=3'),
      k('scale --replicas=2'),
      k('scale deploy nginx', undefined, ['stderr']),
      k('rollout status deploy/nginx --watch=false'),
      k('rollout undo deploy/nginx --to-revision=9'),
      k('rollout undo deploy/nginx'),
      k("get deploy nginx -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations}'"),
      k('rollout undo deploy/nginx --to-revision=1'),
      k('rollout pause deploy/nginx'),
      k('rollout pause deploy/nginx'),
      k('rollout restart deploy/nginx'),
      k('rollout undo deploy/nginx'),
      k('rollout resume deploy/nginx'),
      k('rollout resume deploy/nginx'),
      k('rollout restart deploy/nginx'),
      k('set image deploy/nginx nginx=nginx:1.16.1'),
      k("get deploy nginx -o jsonpath='{.spec.template.spec.containers[0].image}'"),
      k('set image deploy/nginx nginx=nginx:1.16.1'),
      k('set image deploy/nginx foo=bar'),
      k('set image pod/busybox busybox=busybox:1.37'),
      k('rollout status deploy/nope'),
      k('rollout history deployment'),
      k('rollout status deployment --watch=false'),
      k('rollout restart deployment -n dev'),
      k('rollout pause deploy -l app=nginx'),
      k('rollout resume deployments'),
      k('rollout status'),
      k('rollout', undefined, ['stdout', 'stderr']),
    ],
  },
  {
    name: 'nodes',
    steps: [
      k('cordon worker-1'),
      k('cordon worker-1'),
      k('get nodes'),
      k('uncordon worker-1'),
      k('uncordon worker-1'),
      k('cordon nope'),
      k('cordon'),
      k('drain'),
      k('drain worker-2 --ignore-daemonsets --grace-period=0'),
      k('drain worker-2 --ignore-daemonsets --force --grace-period=0', undefined, undefined, true),
      k('get pods -o wide'),
      k('drain worker-1 --ignore-daemonsets --grace-period=0', undefined, undefined, true),
      k('drain control-plane-1 --ignore-daemonsets'),
    ],
  },
  {
    name: 'labels and annotations',
    steps: [
      k('label pod busybox env=prod'),
      k('label pod busybox env=dev'),
      k('label pod busybox env=dev --overwrite'),
      k('label pod busybox env-'),
      k('label pod busybox nope-'),
      k('label pods -l app=nginx tier=frontend'),
      k('get pods --show-labels'),
      k('annotate deploy nginx team=web'),
      k('annotate deploy nginx team=ops'),
      k('annotate deploy nginx team=ops --overwrite'),
      k('annotate deploy nginx team-'),
      k('label node worker-1 disk=ssd'),
      k('label pod busybox'),
      k('label pod nope a=b'),
    ],
  },
  {
    name: 'expose and run',
    steps: [
      k('expose deployment nginx --port=8080 --target-port=80 --name=nginx-ext'),
      k("get svc nginx-ext -o jsonpath='{.spec.ports} {.spec.selector} {.metadata.labels}'"),
      k('expose deploy nginx'),
      k('expose pod busybox --port=9000 --type=NodePort'),
      k("get svc busybox -o jsonpath='{.spec.type} {.spec.ports[0].port} {.spec.selector}'"),
      k('run tmp --image=busybox:1.36 -- sleep 3600'),
      k("get pod tmp -o jsonpath='{.spec.containers[0].args} {.metadata.labels}'"),
      k('run web --image=nginx --port=80 --labels=app=web,tier=fe'),
      k('run x --image=nginx --dry-run=client -o yaml'),
      k('run x', undefined, ['stderr']),
      k('run -it x --image=busybox', undefined, ['stdout', 'stderr']),
    ],
  },
  {
    name: 'view-only caller',
    viewer: true,
    steps: [
      k('get pods'),
      k('delete pod busybox'),
      k('scale deploy nginx --replicas=1'),
      k('apply -f -', WEB),
      k('apply -f -', CM),
      k('create -f -', CM),
      k('label pod busybox a=b'),
      k('cordon worker-1'),
      k('rollout restart deploy/nginx'),
      k('set image deploy/nginx nginx=nginx:1.16.1'),
      k('run tmp --image=nginx'),
      k('create namespace x'),
    ],
  },
  {
    name: 'errors and misc',
    steps: [
      k('foo'),
      k('gett pods'),
      k('qqqqqqqqq'),
      k('get pods --foo'),
      k('get pods -z'),
      k('get pods -n'),
      k('get pods --namespace'),
      k('get pods -o bogus'),
      k('get pods --replicas=x'),
      k('scale deploy nginx --replicas=x'),
      k('version', undefined, ['stdout']),
      k('version --client', undefined, ['stdout']),
      k('api-resources'),
      k('api-resources --namespaced=false'),
      k('api-versions'),
      k('logs'),
      k('logs nope'),
      k('logs deploy/nginx', undefined, ['stdout', 'exitCode']),
      k('logs svc/web', undefined, ['stdout', 'exitCode']),
      k('-n kube-system get pods'),
      k('get pods -A --no-headers'),
      k('get pods --sort-by=.metadata.name'),
      k('get events --sort-by=.lastTimestamp'),
      k('get pods --sort-by=.nope'),
      k('get pods --sort-by=.status.podIP -o wide'),
      k('get nodes --sort-by={.status.capacity.cpu}'),
      k('get pods --sort-by=.spec.containers[0].resources.requests.cpu'),
      k('get ev'),
      k('get pods -o yaml nope'),
      k('describe pods -l app=nginx'),
      k('get nodes --show-labels'),
      k('get pods -o name -n dev'),
      k('get pods -o json -n dev'),
      k('get pod nope busybox -o name'),
      k('get pods -A -o wide'),
      k("get deploy -o jsonpath='{.items[*].metadata.name}' -n dev"),
      k('get pods --show-kind'),
      k('describe deploy'),
      k('get nodes worker-1 -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu --no-headers'),
      k('label pod busybox tier=web --dry-run=client'),
      k('get pods --selector=run=busybox'),
      k('get all -l app=nginx'),
      k("get pod busybox -o jsonpath='{.status.containerStatuses[0].state}'"),
      k('get pods -o=name'),
      k('get svc/nginx deploy/nope pod/busybox'),
      k('get rs,deploy -l app=nginx -o wide'),
      k('describe no worker-2'),
      k('wait --for=condition=Ready pod/busybox --timeout=0s'),
      k('wait --for=condition=Ready pod/pending --timeout=0s'),
      k('wait --for=condition=Available deploy/nginx --timeout=0s'),
      k('wait --for=condition=Ready pods -l app=nginx --timeout=0s'),
      k("wait --for=jsonpath='{.status.phase}'=Running pod/busybox --timeout=0s"),
      k("wait --for=jsonpath='{.status.phase}'=Running pod/pending --timeout=0s"),
      k('wait --for=delete pod/nope --timeout=0s'),
      k('wait --for=delete pod/busybox --timeout=0s'),
      k('wait --for=create pod/busybox --timeout=0s'),
      k('wait --for=bogus pod/busybox --timeout=0s'),
      k('wait --for=condition=Ready pod/nope --timeout=0s'),
      k('wait --for=condition=Progressing=False deploy/nginx --timeout=0s'),
    ],
  },
  {
    name: 'more commands',
    steps: [
      k('create secret generic db --from-literal=password=hunter22'),
      k('describe secret db'),
      k('create serviceaccount builder'),
      k('describe sa builder'),
      k('create -f -', 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: manual\nsubsets:\n- addresses:\n  - ip: 10.1.2.3\n  - ip: 10.1.2.4\n  ports:\n  - name: http\n    port: 8080\n    protocol: TCP\n'),
      k('describe endpoints manual'),
      k(`patch deploy nginx -p '{"spec":{"replicas":4}}'`),
      k(`patch deploy nginx -p '{"spec":{"replicas":4}}'`),
      k(`patch deploy nginx --type=merge -p '{"metadata":{"labels":{"tier":"web"}}}'`),
      k(`patch deploy nginx --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`),
      k("get deploy nginx -o jsonpath='{.spec.replicas} {.metadata.labels}'"),
      k('patch deploy nginx'),
      k(`patch deploy nginx -p '{"spec":{"foo":1}}'`),
      k(`patch deploy nginx -p 'spec: {replicas: 3}'`),
      k(`patch deploy nginx --subresource=scale -p '{"spec":{"replicas":1}}'`),
      k(`patch deploy nope -p '{"spec":{"replicas":4}}'`),
      k(`patch deploy nginx --type=json -p '[{"op":"replace","path":"/spec/replicas","value":-2}]'`),
      k('taint nodes worker-1 dedicated=gpu:NoSchedule'),
      k('taint nodes worker-1 dedicated=gpu:NoSchedule'),
      k('taint nodes worker-1 dedicated=cpu:NoSchedule --overwrite'),
      k("get node worker-1 -o jsonpath='{.spec.taints}'"),
      k('taint nodes worker-1 dedicated:NoSchedule-'),
      k('taint nodes worker-1 dedicated:NoSchedule-'),
      k('taint nodes worker-1 bad:Sometimes'),
      k('taint node control-plane-1 node-role.kubernetes.io/control-plane-'),
      k('describe node control-plane-1'),
      // exec itself streams over a WebSocket, which this capture server does not serve: see commands.test.ts and e2e.
      k('exec nope -- ls'),
      k('rollout', undefined, ['stdout']),
      k("get sa,secrets -o jsonpath='{.items[*].metadata.name}'"),
    ],
  },
  {
    name: 'describe a rich pod',
    steps: [
      k('create -f -', RICH_POD),
      k('describe pod rich'),
      k('create -f -', JSON.stringify(RICH_RS)),
      k('describe rs rich-rs'),
      k('get pod rich -o yaml'),
    ],
  },
  {
    name: 'explain',
    steps: [
      k('explain pods'),
      k('explain pods.spec'),
      k('explain pod.spec.containers'),
      k('explain deploy.spec.strategy'),
      k('explain deployments.spec.replicas'),
      k('explain svc.spec.type'),
      k('explain cm.data'),
      k('explain nodes.status.conditions'),
      k('explain pods.metadata.labels'),
      k('explain pods.spec.foo'),
      k('explain foo'),
      k('explain'),
      k('explain ev'),
      k('explain endpointslices.endpoints'),
      k('explain deploy --recursive'),
    ],
  },
];
