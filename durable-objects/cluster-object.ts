// The Durable Object of one sandbox cluster: entry points only (RPC, fetch, alarm); the cluster itself is plain modules.
import { DurableObject } from 'cloudflare:workers';
import { Cluster } from './cluster.ts';
import { sqlActivityLog } from './activity.ts';
import { SqlBackend } from './store/sql-backend.ts';
import { migrate } from './store/migrations.ts';
import { cryptoRandom, systemClock } from './apiserver/context.ts';
import { realTimers } from './apiserver/watch-http.ts';
import { ApiError, statusResponse } from './apiserver/errors.ts';
import { Session, type Rights } from './session/session.ts';
import { hashToken, viewTokenFor } from './session/ids.ts';
import { kubeconfig, serverUrl } from './session/kubeconfig.ts';
import type { SessionOptions } from './session/options.ts';
import type { Caller } from './apiserver/handler.ts';
import { routeInternal } from './internal-routes.ts';

export interface ClusterEnv {
  SESSION_TTL_SECONDS?: string;
  /** Revisions of watchable history per cluster (older resourceVersions answer 410 Expired). */
  HISTORY_LIMIT?: string;
}

export interface CreateSessionInput {
  id: string;
  token: string;
  viewToken: string;
  options: SessionOptions;
  ttlSeconds: number;
}

export interface SessionSummary {
  id: string;
  expiresAt: string;
  createdAt: string;
  options: SessionOptions;
}

export const USERS: Record<Rights, string> = { edit: 'sandbox-admin', view: 'sandbox-viewer' };

/** The web view names its person (presence, activity); kubectl callers stay the sandbox users. */
function displayName(req: Request): string | undefined {
  const raw = req.headers.get('x-sandbox-display-name');
  if (!raw) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  name = name.replace(/[\u0000-\u001f"]/g, '').trim().slice(0, 40);
  return name || undefined;
}

/** How long one alarm may reconcile before yielding to requests and watch streams. */
const SLICE_MS = 100;

export class ClusterObject extends DurableObject<ClusterEnv> {
  private cluster: Cluster | undefined;
  private session: Session | undefined;
  /** The alarm time we last set (undefined: none pending that we know of). */
  private alarmAt: number | undefined;

  constructor(ctx: DurableObjectState, env: ClusterEnv) {
    super(ctx, env);
    // An id nobody created must not create storage: only open what a session initialised.
    const initialised = ctx.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray().length > 0;
    if (initialised) {
      this.open();
      void ctx.blockConcurrencyWhile(async () => {
        this.alarmAt = (await ctx.storage.getAlarm()) ?? undefined;
      });
    }
  }

  /** The engine's wake-up port: only ever moves the single alarm earlier. */
  private requestAlarm(at: number): void {
    if (this.alarmAt !== undefined && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  private open(): void {
    const sql = this.ctx.storage.sql;
    migrate(sql);
    this.session = Session.load(sql);
    if (!this.session) return;
    this.cluster = new Cluster({
      backend: new SqlBackend(sql, (fn) => this.ctx.storage.transactionSync(fn)),
      clock: systemClock,
      random: cryptoRandom(),
      timers: realTimers,
      config: { profile: this.session.record.options.profile, network: this.session.record.options.network },
      alarm: { request: (at) => this.requestAlarm(at) },
      historyLimit: Number(this.env.HISTORY_LIMIT) || undefined,
      activityLog: sqlActivityLog(sql),
    });
    // Sockets that stayed connected while the object hibernated are still ours.
    for (const ws of this.ctx.getWebSockets()) this.cluster.live.restore(ws);
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"t":"ping"}', '{"t":"pong"}'));
  }

  /** RPC from the Worker: initialise a brand-new cluster. */
  async create(input: CreateSessionInput): Promise<SessionSummary> {
    if (this.session) throw new Error('session already exists');
    const now = Date.now();
    migrate(this.ctx.storage.sql);
    Session.create(this.ctx.storage.sql, {
      id: input.id,
      editHash: await hashToken(input.token),
      viewHash: await hashToken(input.viewToken),
      createdAt: now,
      expiresAt: now + input.ttlSeconds * 1000,
      ttlSeconds: input.ttlSeconds,
      options: input.options,
    });
    this.open();
    this.cluster!.bootstrap(input.options);
    await this.scheduleExpiry();
    return this.summary();
  }

  private summary(): SessionSummary {
    const r = this.session!.record;
    return { id: r.id, createdAt: new Date(r.createdAt).toISOString(), expiresAt: new Date(r.expiresAt).toISOString(), options: r.options };
  }

  private async scheduleExpiry(): Promise<void> {
    const at = this.session?.record.expiresAt;
    if (at !== undefined) this.requestAlarm(at);
  }

  override async fetch(req: Request): Promise<Response> {
    try {
      if (!this.session || !this.cluster) throw new ApiError('NotFound', 'this sandbox does not exist (it may have expired)');
      const rights = await this.session.authenticate(req.headers.get('x-sandbox-token'));
      if (!rights) throw new ApiError('Unauthorized', 'Unauthorized: the token does not belong to this sandbox');
      if (this.session.touch(Date.now())) this.ctx.waitUntil(this.scheduleExpiry());
      const caller: Caller = { name: displayName(req) ?? USERS[rights], canWrite: rights === 'edit', userAgent: req.headers.get('user-agent') ?? '' };
      const origin = req.headers.get('x-sandbox-origin') ?? '';
      return await routeInternal(req, {
        cluster: this.cluster,
        caller,
        rights,
        summary: () => this.summary(),
        kubeconfig: () => {
          const token = req.headers.get('x-sandbox-token')!;
          return kubeconfig({ origin, id: this.session!.record.id, token, rights });
        },
        apiServer: () => serverUrl(origin, this.session!.record.id, req.headers.get('x-sandbox-token')!),
        origin,
        viewToken: () => viewTokenFor(req.headers.get('x-sandbox-token')!),
        destroy: () => this.destroy(),
        updateOptions: (patch) => {
          const options = { ...this.session!.record.options, ...patch };
          this.session!.setOptions(options);
          this.cluster!.env.config.profile = options.profile;
        },
        acceptLive: () => {
          const pair = new WebSocketPair();
          const [client, server] = [pair[0], pair[1]];
          this.ctx.acceptWebSocket(server);
          this.cluster!.live.attach(server, { id: crypto.randomUUID().slice(0, 8), rights, name: rights === 'edit' ? 'editor' : 'viewer', synced: false });
          return new Response(null, { status: 101, webSocket: client, headers: { 'sec-websocket-protocol': 'kube-sandbox' } });
        },
      });
    } catch (e) {
      return statusResponse(e);
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.cluster?.live.message(ws, message);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.cluster?.live.close(ws);
    // Complete the closing handshake the browser started.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.cluster?.live.close(ws);
  }

  private async destroy(): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) ws.close(4404, 'sandbox deleted');
    this.cluster?.store.destroy();
    this.cluster = undefined;
    this.session = undefined;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** The cluster's heartbeat: expire the session, or run a slice of the control plane and re-arm for what is due next. */
  override async alarm(): Promise<void> {
    this.alarmAt = undefined;
    if (!this.session || !this.cluster) return;
    if (this.session.expired(Date.now())) {
      await this.destroy();
      return;
    }
    const stats = this.cluster.runControllers(SLICE_MS);
    if (stats.next !== undefined) this.requestAlarm(stats.next);
    this.requestAlarm(this.session.record.expiresAt);
  }
}
