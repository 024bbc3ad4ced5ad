// Every command the box runs, by the words that select it; groups (`rollout`, `set`) answer for a missing subcommand.
import type { Command } from '../context.ts';
import { annotate } from './annotate.ts';
import { apiResources } from './api-resources.ts';
import { apiVersions } from './api-versions.ts';
import { apply } from './apply.ts';
import { cordon, uncordon } from './cordon.ts';
import { create } from './create.ts';
import { del } from './delete.ts';
import { describe } from './describe.ts';
import { drain } from './drain.ts';
import { exec } from './exec.ts';
import { explain } from './explain.ts';
import { expose } from './expose.ts';
import { get } from './get.ts';
import { label } from './label.ts';
import { logs } from './logs.ts';
import { patch } from './patch.ts';
import { ROLLOUT_HELP } from './rollout/common.ts';
import { rolloutHistory } from './rollout/history.ts';
import { rolloutPause, rolloutResume } from './rollout/pause.ts';
import { rolloutRestart } from './rollout/restart.ts';
import { rolloutStatus } from './rollout/status.ts';
import { rolloutUndo } from './rollout/undo.ts';
import { replace } from './replace.ts';
import { run } from './run.ts';
import { scale } from './scale.ts';
import { setImage } from './set-image.ts';
import { taint } from './taint.ts';
import { version } from './version.ts';
import { wait } from './wait.ts';

const ALL: Command[] = [
  get,
  describe,
  apply,
  create,
  del,
  scale,
  rolloutRestart,
  rolloutUndo,
  rolloutStatus,
  rolloutHistory,
  rolloutPause,
  rolloutResume,
  setImage,
  logs,
  cordon,
  uncordon,
  drain,
  label,
  annotate,
  expose,
  run,
  patch,
  taint,
  exec,
  wait,
  replace,
  explain,
  version,
  apiResources,
  apiVersions,
];

export const COMMANDS: Record<string, Command> = Object.fromEntries(ALL.map((c) => [c.path, c]));

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  image            Update the image of a pod template

Usage:
  kubectl set SUBCOMMAND [options]`;

/** What a group command prints when its subcommand is missing or unknown. */
export const GROUPS: Record<string, (sub: string | undefined) => string> = {
  rollout: (sub) => (sub === undefined ? ROLLOUT_HELP : `Error: unknown command "${sub}" for "kubectl rollout"\nRun 'kubectl rollout --help' for usage.`),
  set: (sub) =>
    sub === undefined
      ? SET_HELP
      : ['env', 'resources', 'selector', 'serviceaccount', 'subject'].includes(sub)
        ? `error: "kubectl set ${sub}" is not available in this command box`
        : `Error: unknown command "${sub}" for "kubectl set"\nRun 'kubectl set --help' for usage.`,
};

/** kubectl's own commands, in its help order (for "Did you mean this?" and "not available here"). */
export const KUBECTL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate',
  'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward',
  'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label',
  'annotate', 'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options',
];
