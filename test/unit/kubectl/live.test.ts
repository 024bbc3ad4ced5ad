// The command box on a whole simulated cluster (scheduler, kubelets, workload controllers; profile "fast"): the
// everyday lesson flow from creating a Deployment to rolling it back and draining a node.
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../helpers/cluster.ts';
import { runKubectl } from '../../../durable-objects/kubectl/index.ts';
import type { Caller } from '../../../durable-objects/apiserver/handler.ts';

const ADMIN: Caller = { name: 'sandbox-admin', canWrite: true, userAgent: 'web' };

function cluster() {
  const t = testCluster({ profile: 'fast' });
  t.settle();
  const run = async (command: string, stdin?: string) => {
    const r = await runKubectl(t.cluster.env, ADMIN, command, stdin);
    t.settle();
    return r;
  };
  const out = async (command: string) => {
    const r = await run(command);
    expect(r.stderr, command).toBe('');
    expect(r.exitCode, command).toBe(0);
    return r.stdout;
  };
  return { t, run, out };
}

describe('The command box on a running cluster', () => {
  it('creates a Deployment whose pods become Running', async () => {
    const { t, out } = cluster();
    expect(await out('kubectl create deployment web --image=nginx:1.14.2 --replicas=3')).toBe('deployment.apps/web created\n');
    t.advance(30_000);
    expect(await out('kubectl rollout status deployment/web')).toBe('deployment "web" successfully rolled out\n');
    expect(await out("kubectl get pods -l app=web -o jsonpath='{.items[*].status.phase}'")).toBe('Running Running Running');
    const table = await out('kubectl get deploy web');
    expect(table).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3\s+3\s+3\s+30s\n$/);
  });

  it('rolls an image forward, lists the history and rolls it back', async () => {
    const { t, out } = cluster();
    await out('kubectl create deployment web --image=nginx:1.14.2 --replicas=2');
    t.advance(30_000);
    expect(await out('kubectl set image deploy/web nginx=nginx:1.16.1')).toBe('deployment.apps/web image updated\n');
    t.advance(60_000);
    expect(await out('kubectl rollout history deploy/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(await out('kubectl rollout undo deploy/web')).toBe('deployment.apps/web rolled back\n');
    t.advance(60_000);
    expect(await out("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'")).toBe('nginx:1.14.2');
    expect(await out('kubectl rollout status deploy/web')).toBe('deployment "web" successfully rolled out\n');
    const describe = await out('kubectl describe deploy web');
    expect(describe).toMatch(/^Name:\s+web\nNamespace:\s+default\n/);
    expect(describe).toMatch(/NewReplicaSet:\s+web-\w+ \(2\/2 replicas created\)/);
    expect(describe).toMatch(/Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set/);
  });

  it('drains a node: cordons it, evicts its pods, and they come back elsewhere', async () => {
    const { t, out } = cluster();
    await out('kubectl create deployment web --image=nginx --replicas=4');
    t.advance(30_000);
    const drained = await out('kubectl drain worker-1 --ignore-daemonsets');
    expect(drained.split('\n')[0]).toBe('node/worker-1 cordoned');
    expect(drained).toMatch(/evicting pod default\/web-\w+-\w+\n/);
    expect(drained.endsWith('node/worker-1 drained\n')).toBe(true);
    t.advance(60_000);
    expect(await out("kubectl get pods -l app=web -o jsonpath='{.items[*].spec.nodeName}'")).toBe('worker-2 worker-2 worker-2 worker-2');
    expect(await out('kubectl get node worker-1')).toMatch(/worker-1\s+Ready,SchedulingDisabled/);
    expect(await out('kubectl uncordon worker-1')).toBe('node/worker-1 uncordoned\n');
  });

  it('applies a manifest, exposes it and describes the Service with its endpoints', async () => {
    const { t, run, out } = cluster();
    const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: nginx\n        ports:\n        - containerPort: 80\n';
    expect((await run('kubectl apply -f -', manifest)).stdout).toBe('deployment.apps/api created\n');
    expect((await run('kubectl apply -f -', manifest)).stdout).toBe('deployment.apps/api unchanged\n');
    expect(await out('kubectl expose deploy api --port=8080 --target-port=80')).toBe('service/api exposed\n');
    t.advance(30_000);
    const svc = await out('kubectl describe svc api');
    expect(svc).toMatch(/TargetPort:\s+80\/TCP\nEndpoints:\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\n/);
  });
});
