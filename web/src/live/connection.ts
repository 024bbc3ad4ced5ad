// The live feed: one WebSocket, resumed from the last resourceVersion after any drop (backoff with jitter), kept
// honest with pings so a half-open connection is noticed, and never a page reload.
import type { ClusterState } from './store.ts';
import type { ServerMessage } from './types.ts';

const PING_MS = 20_000;
/** No message at all (not even a pong) for this long: the connection is dead even if the socket says otherwise. */
const SILENCE_MS = 45_000;
const MAX_BACKOFF_MS = 15_000;
const CONNECT_TIMEOUT_MS = 10_000;

export interface LiveOptions {
  id: string;
  token: string;
  state: ClusterState;
  /** The name to announce in the presence list. */
  name(): string;
  /** Asked after repeated failures: true while the sandbox is reachable, else why it is not (which stops retrying). */
  stillExists(): Promise<true | string>;
}

export class LiveConnection {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pinger: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private stopped = false;
  private countdown: ReturnType<typeof setInterval> | undefined;
  /** The activity message right after hello carries the whole recent list; later ones carry one new entry. */
  private fullActivityNext = false;
  /** How many times the feed (re)connected and synced; tests and the status line read it. */
  syncs = 0;
  /** Time spent decoding and storing messages (the rendering is counted separately). */
  messageMs = 0;
  /** How the last (re)connection caught up: a full snapshot, or a replay of what it missed. */
  lastSync: 'snapshot' | 'replay' | undefined;

  constructor(private readonly o: LiveOptions) {
    addEventListener('online', () => this.retryNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.o.state.connection.state === 'retrying') this.retryNow();
    });
  }

  connect(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    clearInterval(this.countdown);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/sessions/${this.o.id}/live`;
    const ws = new WebSocket(url, ['kube-sandbox', `token.${this.o.token}`]);
    this.ws = ws;
    const opening = setTimeout(() => ws.readyState === WebSocket.CONNECTING && this.abandon(ws, 4002, 'no answer'), CONNECT_TIMEOUT_MS);
    ws.onopen = () => {
      clearTimeout(opening);
      this.lastHeard = Date.now();
      this.o.state.abortSnapshot();
      const rv = this.o.state.rv;
      ws.send(JSON.stringify(rv ? { t: 'sync', rv } : { t: 'sync' }));
      const name = this.o.name();
      if (name) ws.send(JSON.stringify({ t: 'name', name }));
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.ping(ws), PING_MS);
    };
    ws.onmessage = (e) => {
      this.lastHeard = Date.now();
      const t0 = performance.now();
      this.handle(JSON.parse(String(e.data)) as ServerMessage);
      this.messageMs += performance.now() - t0;
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.closed();
      if (e.code === 4404) return this.gone('This sandbox was deleted.');
      void this.scheduleRetry();
    };
  }

  private closed(): void {
    clearInterval(this.pinger);
    this.ws = undefined;
  }

  /**
   * Gives up on a socket at once: a close we start completes only when the server answers it, and until then the
   * socket delivers nothing; waiting for that would leave the page stale.
   */
  private abandon(ws: WebSocket, code: number, reason: string): void {
    if (this.ws !== ws) return;
    ws.onclose = ws.onmessage = ws.onopen = null;
    ws.close(code, reason);
    this.closed();
    void this.scheduleRetry();
  }

  /** Announces a new display name to everybody here. */
  rename(name: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ t: 'name', name }));
  }

  /** Drops the socket as a network failure would (tests use it to prove resume). */
  drop(): void {
    if (this.ws) this.abandon(this.ws, 4000, 'dropped by the page');
  }

  private ping(ws: WebSocket): void {
    if (Date.now() - this.lastHeard > SILENCE_MS) return this.abandon(ws, 4001, 'silent');
    if (ws.readyState === WebSocket.OPEN) ws.send('{"t":"ping"}');
  }

  private handle(m: ServerMessage): void {
    const s = this.o.state;
    switch (m.t) {
      case 'hello':
        s.rights = m.rights;
        s.me = m.id;
        this.fullActivityNext = true;
        s.mark('ui');
        return;
      case 'snapshot':
        s.snapshot(m.objects, m.rv, m.last);
        if (m.last) this.synced('snapshot');
        return;
      case 'changes':
        s.apply(m.changes, m.rv);
        if (s.connection.state !== 'live') this.synced('replay');
        return;
      case 'presence':
        s.setPeople(m.people);
        return;
      case 'activity':
        s.addActivity(m.entries, this.fullActivityNext ? 'merge' : 'prepend');
        this.fullActivityNext = false;
        return;
      case 'error':
        console.warn('live feed:', m.message);
        return;
      case 'pong':
        return;
    }
  }

  private synced(how: 'snapshot' | 'replay'): void {
    this.lastSync = how;
    this.attempt = 0;
    this.syncs++;
    this.o.state.setConnection({ state: 'live', message: 'Live' });
  }

  private async scheduleRetry(): Promise<void> {
    this.attempt++;
    if (this.attempt >= 3) {
      const why = await this.o.stillExists().catch(() => true as const);
      if (why !== true) return this.gone(why);
    }
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.attempt - 1)) * (0.75 + Math.random() * 0.5);
    const until = Date.now() + delay;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      this.o.state.setConnection({ state: 'retrying', message: left > 0 ? `Reconnecting in ${left}s…` : 'Reconnecting…' });
    };
    tick();
    clearInterval(this.countdown);
    this.countdown = setInterval(tick, 1000);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private retryNow(): void {
    if (this.ws || this.stopped) return;
    this.connect();
  }

  private gone(message: string): void {
    this.stopped = true;
    this.o.state.setConnection({ state: 'gone', message });
  }
}
