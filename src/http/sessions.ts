/**
 * @module src/http/sessions — Streamable HTTP sessions: one SDK transport and one MCP Server per session,
 * bounded in number and in idle time, each bound to the consumer that opened it. One consumer holds at most
 * `perConsumer` of them (a twentieth of the store): its next one closes its least recently used, so a client
 * that never ends its sessions recycles its own instead of taking more of the store from the others.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Principal } from '../mcp/server.js';

export const MAX_SESSIONS = 1_000; // open sessions at once; more get TG_BUSY (503)
export const SESSION_IDLE_MS = 30 * 60_000; // 30 min without a request closes a session
export const SWEEP_INTERVAL_MS = 60_000; // how often idle sessions are looked for
export const MAX_SESSIONS_PER_CONSUMER = 50; // a consumer's open sessions; its next closes its least recently used

/** A consumer may start a session when the store has room, or when it is at its own limit (it recycles one). */
export function mayOpenSession(counts: { open: number; max: number; own: number; perConsumer: number }): boolean {
  return counts.open < counts.max || counts.own >= counts.perConsumer;
}

export interface Session {
  readonly id: string;
  readonly consumer: string;
  readonly transport: StreamableHTTPServerTransport;
  readonly server: Server;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly createServer: (principalOf: () => Principal) => Server,
    private readonly now: () => number = Date.now,
    private readonly perConsumer: number = MAX_SESSIONS_PER_CONSUMER,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Whether the session is open (without touching its idle clock). */
  has(id: string): boolean {
    return this.sessions.has(id);
  }

  get(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session) session.lastSeen = this.now();
    return session;
  }

  isFull(): boolean {
    return this.sessions.size >= MAX_SESSIONS;
  }

  /** Whether the consumer may start a session: the store has room, or the consumer recycles one of its own. */
  canOpen(consumer: string): boolean {
    return mayOpenSession({ open: this.sessions.size, max: MAX_SESSIONS, own: this.countFor(consumer), perConsumer: this.perConsumer });
  }

  /** Open sessions of one consumer. */
  countFor(consumer: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.consumer === consumer) n++;
    return n;
  }

  /**
   * A transport for a new session; it joins the store once the SDK has assigned its id. A consumer at its
   * `perConsumer` limit first loses its least recently used session.
   */
  async open(consumer: string): Promise<StreamableHTTPServerTransport> {
    const own = [...this.sessions.values()].filter((s) => s.consumer === consumer);
    if (own.length >= this.perConsumer) {
      own.sort((a, b) => a.lastSeen - b.lastSeen);
      await Promise.allSettled(own.slice(0, own.length - this.perConsumer + 1).map((s) => this.close(s.id)));
    }
    let sessionId: string | undefined;
    const principalOf = (): Principal => ({ consumer, sessionId, transport: 'http' });
    const server = this.createServer(principalOf);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessionId = id;
        this.sessions.set(id, { id, consumer, transport, server, lastSeen: this.now() });
      },
      onsessionclosed: (id) => {
        this.sessions.delete(id);
      },
    });
    transport.onclose = () => {
      if (sessionId !== undefined) this.sessions.delete(sessionId);
    };
    await server.connect(transport);
    return transport;
  }

  private async sweep(): Promise<void> {
    const cutoff = this.now() - SESSION_IDLE_MS;
    const idle = [...this.sessions.values()].filter((s) => s.lastSeen < cutoff);
    await Promise.allSettled(idle.map((s) => this.close(s.id)));
  }

  async close(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await session.server.close().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.sessions.keys()].map((id) => this.close(id)));
  }
}
