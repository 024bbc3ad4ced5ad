// STUB (being written): container logs as the simulated kubelet would serve them.
import { ApiError } from '../../apiserver/errors.ts';
import type { LogOptions } from '../../apiserver/subresources/log.ts';
import type { KubeObject } from '../../types.ts';
import type { ReconcileContext } from '../types.ts';
import type { Timers } from '../../apiserver/watch-http.ts';

/** `timers` drive `follow` streams (lines a running simulated process prints later); tests inject fakes. */
export function podLogs(_ctx: ReconcileContext, pod: KubeObject, _opts: LogOptions, _timers: Timers): Response {
  throw new ApiError('BadRequest', `container logs of pod "${pod.metadata.name}" are not available yet`);
}
