// How a command fails: one error type carrying the exact stderr text kubectl would print, and the renderings of
// server Statuses (`Error from server (NotFound): ...`, `The Deployment "x" is invalid: ...`).
import type { Status } from '../apiserver/errors.ts';

/** A failed command: `text` is printed to stderr as is (a trailing newline is added), then the command exits. */
export class CommandError extends Error {
  constructor(
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text);
  }
}

/** kubectl's generic failure: the message, prefixed with `error: ` unless it already is. */
export function fail(message: string): CommandError {
  return new CommandError(message.startsWith('error: ') ? message : `error: ${message}`);
}

/** A usage mistake, as cmdutil.UsageErrorf prints it. */
export function usageError(path: string, message: string): CommandError {
  return new CommandError(`error: ${message}\nSee 'kubectl ${path} -h' for help and examples`);
}

/** A flag the command does not know or could not parse, as cobra prints it. */
export function flagError(path: string, message: string): CommandError {
  return new CommandError(`Error: ${message}\nSee 'kubectl ${path} --help' for usage.`);
}

/** A Status the server answered with; rendered the way kubectl's error handler does. */
export class ServerError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }

  get reason(): string {
    return String(this.status.reason ?? '');
  }

  get code(): number {
    return this.status.code;
  }
}

/** `Error from server (Reason): message`, or the Invalid form with one line per cause. */
export function renderStatus(status: Status, context?: string): string {
  const message = context ? `${context}: ${status.message ?? ''}` : (status.message ?? '');
  if (status.reason === 'Invalid' && !context) {
    const d = status.details;
    if (!d) return `The request is invalid${status.message ? `: ${status.message}` : ''}`;
    let head = 'The request is invalid';
    if (d.kind || d.name) head = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
    else if (status.message && !d.causes?.length) head += `: ${status.message}`;
    const causes = [...new Set((d.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message}`))];
    if (!causes.length) return head;
    if (causes.length === 1) return `${head}: ${causes[0]}`;
    return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${status.message ?? ''})`;
  if (status.reason) return `Error from server (${status.reason}): ${message}`;
  return `Error from server: ${message}`;
}

/**
 * Several failures of one command: kubectl hands a single error to its error handler (an Invalid Status then reads
 * `The Deployment "x" is invalid: ...`), but prints each of several as `Error from server (Reason): message`.
 */
export function renderStatuses(statuses: Status[]): string[] {
  if (statuses.length === 1) return [renderStatus(statuses[0]!)];
  return statuses.map((s) => (s.reason ? `Error from server (${s.reason}): ${s.message ?? ''}` : `Error from server: ${s.message ?? ''}`));
}

/** A Status whose message names where the object came from, as kubectl's AddSourceToErr does. */
export function withSource(status: Status, verb: string): Status {
  return { ...status, message: `error when ${verb} "STDIN": ${status.message ?? ''}` };
}

/** Any thrown value as the stderr text kubectl would print for it. */
export function errorText(e: unknown): string {
  if (e instanceof CommandError) return e.text;
  if (e instanceof ServerError) return renderStatus(e.status);
  const message = e instanceof Error ? e.message : String(e);
  return message.startsWith('error: ') ? message : `error: ${message}`;
}
