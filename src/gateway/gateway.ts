/**
 * @module src/gateway/gateway — the gateway itself: wires the catalog, the index, the sandbox and the
 * policy, keeps the index and the bindings in step with catalog diffs, and serves the two meta-tools.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { Catalog } from '../../catalog/catalog.js';
import { type LockDiff, lockDiff } from '../../catalog/lock-diff.js';
import type { CatalogDiff, ServerState, ToolRecord } from '../../catalog/types.js';
import type { SearchIndex } from '../../index/types.js';
import type { Executor } from '../../sandbox/types.js';
import type { AuditArgsMode } from '../audit/args.js';
import type { AuditLog } from '../audit/log.js';
import type { FrontDoorHandlers, Principal } from '../mcp/server.js';
import type { Metrics } from '../metrics/metrics.js';
import type { PipelineObserver, Step } from '../pipeline/pipeline.js';
import type { Redactor } from '../pipeline/steps/upstream.js';
import type { CompiledPolicy, ConsumerPolicy } from '../policy/compile.js';
import { deny } from '../policy/decision.js';
import type { Approvals } from './approvals.js';
import { browseOutline } from './browse.js';
import { bindTools, withCollisionWarnings, type Bound } from './bound.js';
import { ConsumerSlots } from './consumer-slots.js';
import { callPolicyOf, type Admission } from './call-policy.js';
import { declarationsForCode } from './declarations.js';
import { executeCode } from './execute.js';
import { limitsFor } from './limits.js';
import { pipelineObserver, recordExecution } from './observe.js';
import { visibleTo } from './visibility.js';
import { searchTools } from './search.js';
import { buildSteps, type StepDeps } from './steps.js';
import { errorResult } from './tool-results.js';

export interface GatewayParts {
  readonly catalog: Catalog;
  readonly index: SearchIndex;
  readonly executor: Executor;
  policy: CompiledPolicy;
  readonly logger: Logger;
  readonly defaultSearchLimit: number;
  readonly admit: Admission;
  readonly validate: StepDeps['validate'];
  readonly redact: Redactor;
  readonly audit: AuditLog;
  readonly auditArgsMode: AuditArgsMode;
  readonly auditCodeMode: AuditArgsMode;
  readonly metrics: Metrics;
  readonly approvals: Approvals;
  /** Servers blocked in config: listed for administrators, never started. */
  readonly blocked: () => readonly ServerState[];
}

/** Delay before persisting the index after catalog changes (ms): one write per burst of diffs. */
const INDEX_SAVE_DELAY_MS = 1_000;

/** Scores of tools of deprecated servers are multiplied by this, so they rank below live equivalents. */
const DEPRECATED_RANK_FACTOR = 0.5;

export class Gateway implements FrontDoorHandlers {
  private ready = false;
  /** Built on first use after every catalog or policy change: the list for declarations, the table for the sandbox. */
  private bound: Bound | undefined;
  /** Executions running per consumer (limits.concurrentExecutions), across sessions and reloads. */
  private readonly slots = new ConsumerSlots();
  /** Servers that sent a diff while start() was building the index. */
  private readonly changedDuringStart: string[] = [];
  private updates: Promise<unknown> = Promise.resolve();
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private readonly steps: readonly Step[];
  private readonly observer: PipelineObserver;
  private readonly unwatchHealth: () => void;

  private readonly parts: GatewayParts;

  constructor(parts: GatewayParts) {
    this.parts = { ...parts }; // own copy: setPolicy() replaces the policy in it
    this.unsubscribe = parts.catalog.onDiff((diff) => this.onDiff(diff));
    this.unwatchHealth = parts.catalog.onHealth((state) => parts.metrics.setUpstreamHealth(state.meta.id, state.health));
    this.observer = pipelineObserver(parts.metrics);
    const { catalog } = parts;
    this.steps = buildSteps({
      validate: parts.validate,
      redact: parts.redact,
      lookup: (toolId) => {
        const record = parts.index.get(toolId);
        const server = record && catalog.server(record.server);
        if (!record || !server) return undefined;
        const review = parts.approvals.review(record);
        if (review.state === 'approved') return { record, server: server.meta };
        return review.state === 'quarantined'
          ? { error: deny('TG_TOOL_QUARANTINED', `${review.message}.`, `catalog.lock(${review.reason})`) }
          : { error: deny('TG_TOOL_NOT_FOUND', `${toolId} is not available: ${review.message}.`, 'catalog.status') };
      },
      call: (toolId, callArgs, signal) => catalog.callTool(toolId, callArgs, { signal }),
    });
  }

  /** Connects every upstream (a failing one does not block the others) and builds or loads the index. */
  async start(): Promise<void> {
    const { catalog, index, logger } = this.parts;
    const [loaded] = await Promise.all([index.load(), catalog.start()]);
    this.parts.approvals.pinNewServers(catalog.records());
    logger.info(loaded, loaded.loaded ? 'persisted index loaded' : 'persisted index not used');
    await this.serialise(async () => {
      // A server that has not listed (down or slow at start) keeps its saved vectors until it answers. Which
      // ones are down is decided now, with the records: one coming back during the build is caught up below.
      const records = catalog.records();
      const down = new Set(catalog.servers().filter((s) => s.health !== 'healthy').map((s) => s.meta.id));
      const summary = await index.rebuild(records, { retain: (record) => down.has(record.server) });
      this.invalidate();
      if (summary.embedded > 0 || summary.removed > 0 || !loaded.loaded) await index.save();
      logger.info({ ...summary, tools: index.size }, 'index ready');
    });
    this.ready = true;
    // Servers whose tools changed (or that came back) while the index was being built.
    for (const server of this.changedDuringStart.splice(0)) this.reindexServer(server);
  }

  isReady(): boolean {
    return this.ready;
  }

  /** Every upstream with its effective status (a maintainer's approval included), health and tool count. */
  servers(): ServerState[] {
    const running = withCollisionWarnings(this.parts.catalog.servers(), this.bindings().collisions, (id) => this.parts.index.get(id)?.server).map((s) => ({
      ...s,
      meta: { ...s.meta, status: this.parts.approvals.status(s.meta.id) ?? s.meta.status },
    }));
    return [...running, ...this.parts.blocked()];
  }

  /** Swaps in a new compiled policy (config reload); cached decisions and bindings start over. */
  setPolicy(policy: CompiledPolicy): void {
    this.parts.policy = policy;
    this.invalidate();
  }

  /** What changed in a server's tools since approval. */
  diff(server: string): LockDiff {
    return lockDiff(this.parts.approvals.current(), server, this.parts.catalog.records());
  }

  /** A maintainer approves a server's current definitions (all tools, or only `tools`). */
  approve(server: string, tools?: readonly string[]): LockDiff {
    const before = this.diff(server);
    this.parts.approvals.approve(server, this.parts.catalog.records(), tools);
    this.invalidate();
    return before;
  }

  /** Re-lists every upstream (or one) and re-indexes what changed. */
  async reindex(server?: string): Promise<void> {
    await this.parts.catalog.refresh(server);
    await this.updates;
  }

  private onDiff(diff: CatalogDiff): void {
    // During start() the build may already have taken its records: the server is re-indexed once it is done.
    if (!this.ready) {
      if (!this.changedDuringStart.includes(diff.server)) this.changedDuringStart.push(diff.server);
      return;
    }
    this.reindexServer(diff.server, { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length });
  }

  /**
   * The server's tools as now listed against the index: what is indexed unchanged keeps its vector, and tools
   * kept from before it listed but gone from its listing are removed too.
   */
  private reindexServer(server: string, diff?: { added: number; changed: number; removed: number }): void {
    void this.serialise(async () => {
      const records = this.parts.catalog.records();
      const summary = await this.parts.index.rebuild(records, { server });
      this.parts.approvals.pinNewServers(records.filter((r) => r.server === server));
      this.invalidate();
      this.scheduleSave();
      this.parts.logger.info({ server, ...(diff ? { diff } : {}), ...summary }, 'catalog changed: index updated');
    });
  }

  /** Persists the index shortly after a burst of diffs, not once per diff. */
  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.serialise(() => this.parts.index.save());
    }, INDEX_SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /** Index updates run one at a time, in the order the catalog reported them. */
  private serialise(task: () => Promise<void>): Promise<void> {
    const next = this.updates.then(task, task).catch((error: unknown) => this.parts.logger.error({ err: error }, 'index update failed'));
    this.updates = next;
    return next;
  }

  private invalidate(): void {
    this.bound = undefined;
    this.parts.policy.invalidate();
  }

  /** Catalog review decides whether anyone may use a tool: server status and the pinned definition. */
  private usable = (record: ToolRecord): boolean => this.parts.approvals.usable(record);

  /** What the consumer may call, hence all it is shown: one predicate for search, browse and declarations. */
  private visibleTo(policy: ConsumerPolicy): (record: ToolRecord) => boolean {
    const { ids } = this.bindings();
    return visibleTo(policy, { usable: (record) => ids.has(record.id) && this.usable(record), server: (id) => this.parts.catalog.server(id)?.meta });
  }

  private bindings(): Bound {
    if (this.bound === undefined) {
      // Every tool is bound; whether it may be called is the pipeline's decision, made per call. A tool whose
      // identifier collides with another's is not: it is hidden, and its server says why (servers()).
      this.bound = bindTools([...this.parts.index.records()]);
      for (const c of this.bound.collisions) this.parts.logger.error({ kept: c.kept, rejected: c.rejected }, c.message);
    }
    return this.bound;
  }

  /** The caller's compiled policy, or the error result for a consumer the config no longer holds. */
  private policyOf(principal: Principal): ConsumerPolicy | CallToolResult {
    return this.parts.policy.consumers.get(principal.consumer) ?? errorResult('TG_CONSUMER_UNKNOWN', `no consumer named "${principal.consumer}" is configured.`);
  }

  async searchTools(principal: Principal, args: unknown): Promise<CallToolResult> {
    const policy = this.policyOf(principal);
    if ('content' in policy) return policy;
    return searchTools(
      {
        index: this.parts.index,
        defaultLimit: this.parts.defaultSearchLimit,
        bindings: () => this.bindings().list,
        visibleTo: (p) => this.visibleTo(p),
        deprecated: () => this.deprecated(),
        boost: (record) => (this.parts.approvals.status(record.server) === 'deprecated' ? DEPRECATED_RANK_FACTOR : 1),
        observe: (seconds, hits) => this.parts.metrics.observeSearch(seconds, hits),
        browse: (visible, server, category) => browseOutline([...this.parts.index.records()].filter(visible), this.parts.catalog.servers(), server, category),
      },
      policy,
      args,
    );
  }

  private deprecated(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of this.parts.catalog.servers()) if (this.parts.approvals.status(s.meta.id) === 'deprecated') out[s.meta.id] = `server ${s.meta.id} is deprecated`;
    return out;
  }

  async executeCode(principal: Principal, args: unknown, signal?: AbortSignal): Promise<CallToolResult> {
    const policy = this.policyOf(principal);
    if ('content' in policy) return policy;
    return executeCode(
      {
        executor: this.parts.executor,
        steps: this.steps,
        bindings: () => this.bindings().table,
        declarations: (code) => declarationsForCode(code, [...this.parts.index.records()].filter(this.visibleTo(policy)), policy, this.bindings().list),
        audit: this.parts.audit,
        auditArgsMode: this.parts.auditArgsMode,
        auditCodeMode: this.parts.auditCodeMode,
        redact: (value) => this.parts.redact(value).value,
        observer: this.observer,
        onExecuted: (result) => recordExecution(this.parts.metrics, result),
        slots: this.slots,
      },
      {
        consumer: principal.consumer,
        ...(principal.sessionId === undefined ? {} : { session: principal.sessionId }),
        policy: callPolicyOf(policy, this.parts.admit),
        limits: limitsFor(policy.limits),
        ...(policy.limits.concurrentExecutions === undefined ? {} : { concurrentExecutions: policy.limits.concurrentExecutions }),
      },
      args,
      signal,
    );
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.unwatchHealth();
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      void this.serialise(() => this.parts.index.save());
    }
    await this.updates;
    await Promise.allSettled([this.parts.executor.close(), this.parts.catalog.close()]);
  }
}
