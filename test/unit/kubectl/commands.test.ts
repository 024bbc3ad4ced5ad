// Command-box behaviour beyond kubectl's printing (captured separately in reference.test.ts): how lines are read,
// what a view-only link may do, and the commands whose kubectl counterpart would wait or stream.
import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../../durable-objects/kubectl/index.ts';
import type { Caller } from '../../../durable-objects/apiserver/handler.ts';
import type { LogOptions } from '../../../durable-objects/apiserver/subresources/log.ts';
import type { KubeObject } from '../../../durable-objects/types.ts';
import { kubectlFixture } from './fixtures.ts';

const ALICE: Caller = { name: 'alice', canWrite: true, userAgent: 'Mozilla/5.0' };
const VIEWER: Caller = { name: 'sandbox-viewer', canWrite: false, userAgent: 'Mozilla/5.0' };

function setup() {
  const { t } = kubectlFixture();
  const run = (command: string, stdin?: string, caller: Caller = ALICE) => runKubectl(t.cluster.env, caller, command, stdin);
  return { t, run };
}

describe('Reading the command line', () => {
  it('accepts lines with or without the kubectl prefix, and global flags before the command', async () => {
    const { run } = setup();
    const a = await run('kubectl get pods -n dev');
    expect(await run('get pods -n dev')).toEqual(a);
    expect(await run('kubectl -n dev get pods')).toEqual(a);
    expect(a).toEqual({ exitCode: 0, stdout: '', stderr: 'No resources found in dev namespace.\n' });
  });

  it('answers an empty line with help, and shell syntax with a clear error', async () => {
    const { t, run } = setup();
    const help = await run('kubectl');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('kubectl get pods -o wide');
    const before = t.cluster.store.revision;
    const piped = await run('kubectl delete pod busybox | tee log');
    expect(piped).toMatchObject({ exitCode: 1, stdout: '' });
    expect(piped.stderr).toMatch(/^error: shell syntax \(\|\) is not supported here/);
    expect(t.cluster.store.revision).toBe(before);
  });

  it('explains what cannot work in a command box instead of hanging', async () => {
    const { run } = setup();
    expect((await run('kubectl get pods -w')).stderr).toMatch(/^error: watch \(-w\) is not supported/);
    expect((await run('kubectl apply -f https://k8s.io/examples/deployment.yaml')).stderr).toMatch(/cannot download .*use -f -/);
    expect((await run('kubectl port-forward svc/nginx 8080:80')).stderr).toMatch(/^error: "kubectl port-forward" is not available in this command box/);
    // exec runs without a terminal: kubectl's own words when it cannot have one, then the editor's text as stdin.
    expect(await run('kubectl exec -it busybox -- sh', 'echo hi from $HOSTNAME\n')).toEqual({
      exitCode: 0,
      stdout: 'hi from busybox\n',
      stderr:
        'Unable to use a TTY - input is not a terminal or the right kind of file\n' +
        "(this box has no terminal: it runs the editor's text as input; for an interactive shell use your own kubectl with the kubeconfig from Share)\n",
    });
    expect((await run('kubectl run t -it --image=busybox')).stderr).toMatch(/needs a terminal/);
  });
});

describe('exec', () => {
  it('runs the command in the container and passes its output and exit code on', async () => {
    const { run } = setup();
    expect(await run("kubectl exec busybox -- sh -c 'echo $GREETING; echo warn >&2; exit 3'")).toEqual({
      exitCode: 3,
      stdout: 'hello\n',
      stderr: 'warn\ncommand terminated with exit code 3\n',
    });
    expect((await run('kubectl exec deploy/nginx -- cat /etc/hostname')).stdout).toMatch(/^nginx-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect((await run('kubectl exec busybox ls')).stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect((await run('kubectl exec busybox -c nope -- ls')).stderr).toBe('Error from server (BadRequest): container nope is not valid for pod busybox\n');
  });

  it('is refused to a view-only link, as every write is', async () => {
    const { run } = setup();
    const r = await run('kubectl exec busybox -- ls', undefined, VIEWER);
    expect(r).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'Error from server (Forbidden): pods "busybox" is forbidden: User "sandbox-viewer" cannot create resource "pods/exec" in API group "" in the namespace "default": this is a view-only link\n',
    });
  });
});

describe('Rights', () => {
  it('gives a view-only caller the API\'s Forbidden answers and changes nothing', async () => {
    const { t, run } = setup();
    const before = t.cluster.store.revision;
    const lines = ['delete pod busybox', 'scale deploy nginx --replicas=1', 'label pod busybox a=b', 'rollout undo deploy/nginx', 'drain worker-1 --force'];
    for (const line of lines) {
      const r = await run(`kubectl ${line}`, undefined, VIEWER);
      expect(r.exitCode, line).toBe(1);
      expect(r.stderr, line).toMatch(/forbidden: User "sandbox-viewer" cannot \w+ resource/);
    }
    const applied = await run('kubectl apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', VIEWER);
    expect(applied.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": configmaps is forbidden: User "sandbox-viewer" cannot create resource "configmaps" in API group "" in the namespace "default": this is a view-only link\n',
    );
    expect(t.cluster.store.revision).toBe(before);
    expect((await run('kubectl get pods busybox', undefined, VIEWER)).exitCode).toBe(0);
  });

  it('records writes in the activity feed under the person who typed them', async () => {
    const { t, run } = setup();
    expect((await run('kubectl label deploy nginx tier=web')).stdout).toBe('deployment.apps/nginx labeled\n');
    expect((await run('kubectl apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n')).stdout).toBe('configmap/x created\n');
    const recent = t.cluster.recentActivity().slice(0, 2);
    expect(recent.map((e) => [e.user, e.verb, e.kind, e.name])).toEqual([
      ['alice', 'apply', 'ConfigMap', 'x'],
      ['alice', 'patch', 'Deployment', 'nginx'],
    ]);
    expect(t.get<KubeObject>('deployments.apps', 'default', 'nginx')!.metadata.managedFields?.some((f) => f.manager === 'kubectl-label')).toBe(true);
  });
});

describe('Commands that kubectl would wait on', () => {
  it('reports a graceful delete at once and leaves the pod terminating', async () => {
    const { run } = setup();
    expect(await run('kubectl delete pod busybox')).toEqual({ exitCode: 0, stdout: 'pod "busybox" deleted\n', stderr: '' });
    expect((await run('kubectl get pod busybox')).stdout).toMatch(/busybox\s+1\/1\s+Terminating/);
  });

  it('prints the rollout status once while a rollout is in progress', async () => {
    const { t, run } = setup();
    const d = structuredClone(t.get<KubeObject & Record<string, any>>('deployments.apps', 'default', 'nginx')!);
    d.status.updatedReplicas = 1;
    d.status.availableReplicas = 2;
    t.cluster.reconcile.client.updateStatus(d);
    expect(await run('kubectl rollout status deploy/nginx')).toEqual({
      exitCode: 0,
      stdout: 'Waiting for deployment "nginx" rollout to finish: 1 out of 3 new replicas have been updated...\n',
      stderr: '',
    });
  });
});

describe('Logs', () => {
  function withLogs() {
    const s = setup();
    const asked: Array<{ pod: string; opts: LogOptions }> = [];
    s.t.cluster.env.podLogs = (pod, opts) => {
      asked.push({ pod: pod.metadata.name!, opts });
      return new Response(`log of ${pod.metadata.name}/${opts.container}\n`, { headers: { 'content-type': 'text/plain' } });
    };
    return { ...s, asked };
  }

  it('reads a container log through pods/log with the options kubectl sends', async () => {
    const { run, asked } = withLogs();
    expect(await run('kubectl logs busybox --tail=5 -p')).toEqual({ exitCode: 0, stdout: 'log of busybox/busybox\n', stderr: '' });
    expect(asked[0]!.opts).toMatchObject({ container: 'busybox', tailLines: 5, previous: true, follow: false });
  });

  it('picks one pod of a workload and the first container of a multi-container pod', async () => {
    const { t, run, asked } = withLogs();
    const r = await run('kubectl logs deploy/nginx');
    expect(r.stderr).toMatch(/^Found 3 pods, using pod\/nginx-7c5ddbdf54-\w+\n$/);
    expect(r.stdout).toMatch(/^log of nginx-7c5ddbdf54-\w+\/nginx\n$/);
    t.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'busybox' }] } });
    expect(await run('kubectl logs two')).toEqual({ exitCode: 0, stdout: 'log of two/app\n', stderr: 'Defaulted container "app" out of: app, sidecar\n' });
    expect((await run('kubectl logs two -c sidecar')).stdout).toBe('log of two/sidecar\n');
    expect(asked).toHaveLength(3);
  });

  it('prints the logs of every pod a selector matches', async () => {
    const { run } = withLogs();
    const r = await run('kubectl logs -l app=nginx --prefix');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(r.stdout).toMatch(/^\[pod\/nginx-7c5ddbdf54-\w+\/nginx\] log of nginx-7c5ddbdf54-\w+\/nginx$/m);
  });
});
