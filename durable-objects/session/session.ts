// The session a cluster belongs to: token hashes, rights, options and expiry, kept in the cluster's own SQLite.
import { constantTimeEqual, hashToken } from './ids.ts';
import type { SessionOptions } from './options.ts';

export type Rights = 'edit' | 'view';

export interface SessionRecord {
  id: string;
  editHash: string;
  viewHash: string;
  createdAt: number;
  expiresAt: number;
  ttlSeconds: number;
  options: SessionOptions;
}

/** Activity pushes expiry forward, but the record is rewritten at most this often. */
const TOUCH_EVERY_MS = 60_000;

export class Session {
  private readonly verified = new Map<string, Rights>();

  constructor(
    private readonly sql: SqlStorage,
    private rec: SessionRecord,
  ) {}

  static load(sql: SqlStorage): Session | undefined {
    const row = sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = 'session'").toArray()[0];
    return row ? new Session(sql, JSON.parse(row.v) as SessionRecord) : undefined;
  }

  static create(sql: SqlStorage, rec: SessionRecord): Session {
    const s = new Session(sql, rec);
    s.save();
    return s;
  }

  get record(): Readonly<SessionRecord> {
    return this.rec;
  }

  private save(): void {
    this.sql.exec("INSERT INTO meta (k, v) VALUES ('session', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", JSON.stringify(this.rec));
  }

  async authenticate(token: string | null): Promise<Rights | undefined> {
    if (!token) return undefined;
    const known = this.verified.get(token);
    if (known) return known;
    const h = await hashToken(token);
    const rights: Rights | undefined = constantTimeEqual(h, this.rec.editHash) ? 'edit' : constantTimeEqual(h, this.rec.viewHash) ? 'view' : undefined;
    if (rights) this.verified.set(token, rights);
    return rights;
  }

  /** Extends expiry after activity; returns true when the stored expiry moved. */
  touch(now: number): boolean {
    const target = now + this.rec.ttlSeconds * 1000;
    if (target - this.rec.expiresAt < TOUCH_EVERY_MS) return false;
    this.rec = { ...this.rec, expiresAt: target };
    this.save();
    return true;
  }

  expired(now: number): boolean {
    return now >= this.rec.expiresAt;
  }

  setOptions(options: SessionOptions): void {
    this.rec = { ...this.rec, options };
    this.save();
  }
}
