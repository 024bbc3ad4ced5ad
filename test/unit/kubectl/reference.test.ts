// Replays the command lines captured from the real kubectl v1.32 (reference/capture.ts) against the same fixture
// cluster and expects the same stdout, stderr and exit code.
import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../../durable-objects/kubectl/index.ts';
import type { Caller } from '../../../durable-objects/apiserver/handler.ts';
import { kubectlFixture } from './fixtures.ts';
import { REFERENCES, START_MS } from './reference/outputs.ts';

const ADMIN: Caller = { name: 'sandbox-admin', canWrite: true, userAgent: 'web' };
const VIEWER: Caller = { name: 'sandbox-viewer', canWrite: false, userAgent: 'web' };

function comparable(step: (typeof REFERENCES)[number]['steps'][number], r: { exitCode: number; stdout: string; stderr: string }) {
  const norm = (s: string) => (step.unordered ? s.split('\n').sort().join('\n') : s);
  const out: Record<string, unknown> = { command: step.command };
  if (!step.ignore?.includes('exitCode')) out.exitCode = r.exitCode;
  if (!step.ignore?.includes('stdout')) out.stdout = norm(r.stdout);
  if (!step.ignore?.includes('stderr')) out.stderr = norm(r.stderr);
  return out;
}

describe('The command box prints what kubectl v1.32 prints', () => {
  for (const sc of REFERENCES) {
    it(`for "${sc.name}"`, async () => {
      const { t } = kubectlFixture(START_MS);
      for (const step of sc.steps) {
        t.clock.t = step.at;
        const got = await runKubectl(t.cluster.env, sc.viewer ? VIEWER : ADMIN, step.command, step.stdin);
        t.settle();
        expect(comparable(step, got)).toEqual(comparable(step, step));
      }
    });
  }
});
