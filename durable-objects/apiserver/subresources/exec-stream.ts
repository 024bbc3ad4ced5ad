// The remotecommand channel protocol over a WebSocket, server side: each message is one channel byte (0 stdin, 1
// stdout, 2 stderr, 3 error, 4 resize) then data; base64 variants send the channel as a digit and the data in base64;
// v5 adds 255 <channel> to close one stream (kubectl sends it when its stdin ends). The error channel carries the
// final metav1.Status (v4, v5) or plain text (older versions); then the server closes the socket normally, which is
// what tells the client its streams are over.
import type { ExecEnd, ExecProcess, ExecSink } from '../../controllers/kubelet/exec-session.ts';

/** What kubectl 1.30+ offers, then what other clients (client libraries, older tools) speak. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'channel.k8s.io', 'base64.channel.k8s.io'];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

/** The subprotocol to answer with: the client's first one we speak ('' when it named none: raw channels). */
export function pickProtocol(header: string | null): string | undefined {
  const offered = (header ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  if (!offered.length) return '';
  return offered.find((p) => EXEC_PROTOCOLS.includes(p));
}

export interface StreamOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** The Status a finished command leaves on the error channel, as the API server's stream translator writes it. */
export function endStatus(end: ExecEnd): Record<string, unknown> {
  if ('failure' in end)
    return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${end.failure}`, reason: 'InternalError', details: { causes: [{ message: end.failure }] }, code: 500 };
  if (end.code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command terminated with exit code ${end.code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(end.code) }] },
  };
}

const enc = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function unbase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Serves one exec over an accepted server-side socket: `start` runs the process against a sink that frames its
 * output; client frames feed its stdin. The socket closes once the process ends, or ends the process when it closes.
 */
export function serveExecSocket(ws: WebSocket, protocol: string, o: StreamOptions, start: (sink: ExecSink) => ExecProcess): void {
  const text = protocol.includes('base64');
  const statusJson = protocol.startsWith('v4.') || protocol.startsWith('v5.');
  const v5 = protocol.startsWith('v5.');
  // Binary frames as bytes (the standard default is Blob, which would need an await per frame).
  ws.binaryType = 'arraybuffer';
  let open = true;
  const send = (channel: number, data: Uint8Array) => {
    if (!open) return;
    try {
      if (text) ws.send(String.fromCharCode(48 + channel) + base64(data));
      else {
        const frame = new Uint8Array(data.length + 1);
        frame[0] = channel;
        frame.set(data, 1);
        ws.send(frame);
      }
    } catch {
      open = false;
    }
  };
  const finish = (end: ExecEnd) => {
    if (!open) return;
    if (statusJson) send(ERROR, enc.encode(JSON.stringify(endStatus(end))));
    else if ('failure' in end) send(ERROR, enc.encode(`Internal error occurred: ${end.failure}`));
    else if (end.code !== 0) send(ERROR, enc.encode(`command terminated with non-zero exit code: command terminated with exit code ${end.code}`));
    open = false;
    try {
      ws.close(1000);
    } catch {
      // the client left first
    }
  };
  // An empty message on the lowest writable channel tells the client the streams are up.
  send(o.stdout ? STDOUT : o.stderr && !o.tty ? STDERR : ERROR, new Uint8Array());
  const proc = start({
    output: (s, err) => {
      const channel = err && !o.tty ? STDERR : STDOUT;
      if ((channel === STDOUT && o.stdout) || (channel === STDERR && o.stderr)) send(channel, enc.encode(s));
    },
    end: finish,
  });
  const decoder = new TextDecoder();
  ws.addEventListener('message', (e: MessageEvent) => {
    if (!open) return;
    let frame: Uint8Array;
    if (typeof e.data === 'string') {
      if (!text || !e.data.length) return;
      frame = new Uint8Array([e.data.charCodeAt(0) - 48, ...unbase64(e.data.slice(1))]);
    } else frame = new Uint8Array(e.data as ArrayBuffer);
    if (!frame.length) return;
    const channel = frame[0]!;
    if (v5 && channel === CLOSE) {
      if (frame[1] === STDIN && o.stdin) {
        const rest = decoder.decode();
        if (rest) proc.input(rest);
        proc.closeInput();
      }
      return;
    }
    if (channel === STDIN && o.stdin) proc.input(decoder.decode(frame.subarray(1), { stream: true }));
    // RESIZE carries {"Width":..,"Height":..}: the simulated programs draw nothing that depends on it.
    void RESIZE;
  });
  const gone = () => {
    if (open) proc.hangUp();
    open = false;
    try {
      ws.close(1000); // completes the closing handshake the client started
    } catch {
      // already closed
    }
  };
  ws.addEventListener('close', gone);
  ws.addEventListener('error', gone);
}
