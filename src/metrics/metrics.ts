/**
 * @module src/metrics/metrics — Prometheus metrics on a private prom-client registry (never the global one,
 * so two gateways in one process, or tests, do not share counters). Small methods for the pipeline to call;
 * `metricsText()` renders the `/metrics` body.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; pipeline steps are µs to ms, upstream calls ms to tens of seconds. */
export const STEP_BUCKETS = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30];
export const SEARCH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Seconds; upstream calls and whole executions, ms to the 30 s default wall time and call timeout. */
export const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export type CallOutcome = 'ok' | 'denied' | 'error';
export type UpstreamHealth = 'connecting' | 'healthy' | 'unhealthy' | 'stopped';
const HEALTH_STATES: readonly UpstreamHealth[] = ['connecting', 'healthy', 'unhealthy', 'stopped'];

export interface Metrics {
  readonly registry: Registry;
  readonly contentType: string;
  recordCall(call: { consumer: string; server: string; tool: string; outcome: CallOutcome }): void;
  /** `reason` is the error code (`TG_ACL_DENIED`, `TG_RATE_LIMITED`, …). */
  recordDenial(reason: string, consumer: string): void;
  observeStep(step: string, seconds: number): void;
  /** One upstream call's latency; `outcome` is `ok` or the error code it ended with. */
  observeUpstream(server: string, outcome: string, seconds: number): void;
  recordExecution(outcome: 'ok' | 'error', errorCode: string | undefined, seconds: number): void;
  /** A refused authentication: its code (`TG_UNAUTHENTICATED`, …) or `throttled`. */
  recordAuthFailure(reason: string): void;
  /** `limit` is the sandbox code hit: TG_SANDBOX_TIMEOUT, TG_SANDBOX_MEMORY, TG_SANDBOX_CPU, TG_BUDGET_EXCEEDED. */
  recordSandboxLimit(limit: string): void;
  observeSearch(seconds: number, results: number): void;
  setUpstreamHealth(server: string, health: UpstreamHealth): void;
  /** Catalog review events: `catalog-pinned`, `catalog-approved`, `tool-quarantined` (with its reason). */
  recordCatalogEvent(kind: string, reason?: string): void;
  metricsText(): Promise<string>;
}

export function createMetrics(options: { prefix?: string; processMetrics?: boolean } = {}): Metrics {
  const p = options.prefix ?? 'toolgate_';
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: p });
  const registers = [registry];

  const calls = new Counter({ name: `${p}tool_calls_total`, help: 'Tool calls by consumer, server, tool and outcome.', labelNames: ['consumer', 'server', 'tool', 'outcome'], registers });
  const denials = new Counter({ name: `${p}denials_total`, help: 'Denied tool calls by reason (error code).', labelNames: ['reason', 'consumer'], registers });
  const steps = new Histogram({ name: `${p}pipeline_step_seconds`, help: 'Latency of each pipeline step.', labelNames: ['step'], buckets: STEP_BUCKETS, registers });
  const executions = new Counter({ name: `${p}executions_total`, help: 'execute_code runs by outcome and error code.', labelNames: ['outcome', 'code'], registers });
  const executionSeconds = new Histogram({ name: `${p}execution_seconds`, help: 'execute_code duration by outcome.', labelNames: ['outcome'], buckets: CALL_BUCKETS, registers });
  const upstreamSeconds = new Histogram({ name: `${p}upstream_call_seconds`, help: 'Upstream call latency by server and outcome (ok or error code).', labelNames: ['server', 'outcome'], buckets: CALL_BUCKETS, registers });
  const authFailures = new Counter({ name: `${p}auth_failures_total`, help: 'Refused authentications by reason (error code, or throttled).', labelNames: ['reason'], registers });
  const limits = new Counter({ name: `${p}sandbox_limit_hits_total`, help: 'Executions stopped by a sandbox limit.', labelNames: ['limit'], registers });
  const searchLatency = new Histogram({ name: `${p}search_seconds`, help: 'search_tools latency.', buckets: SEARCH_BUCKETS, registers });
  const searches = new Counter({ name: `${p}searches_total`, help: 'search_tools calls.', registers });
  const zeroResults = new Counter({ name: `${p}search_zero_results_total`, help: 'search_tools calls that found nothing.', registers });
  const catalogEvents = new Counter({ name: `${p}catalog_events_total`, help: 'Catalog review events: pinning, approvals, quarantined tools.', labelNames: ['kind', 'reason'], registers });
  const health = new Gauge({ name: `${p}upstream_health`, help: 'Upstream health: 1 for the current state, 0 for the others.', labelNames: ['server', 'state'], registers });

  return {
    registry,
    contentType: registry.contentType,
    recordCall: ({ consumer, server, tool, outcome }) => calls.inc({ consumer, server, tool, outcome }),
    recordDenial: (reason, consumer) => denials.inc({ reason, consumer }),
    observeStep: (step, seconds) => steps.observe({ step }, seconds),
    observeUpstream: (server, outcome, seconds) => upstreamSeconds.observe({ server, outcome }, seconds),
    recordExecution(outcome, errorCode, seconds) {
      executions.inc({ outcome, code: errorCode ?? '' });
      executionSeconds.observe({ outcome }, seconds);
    },
    recordAuthFailure: (reason) => authFailures.inc({ reason }),
    recordSandboxLimit: (limit) => limits.inc({ limit }),
    recordCatalogEvent: (kind, reason) => catalogEvents.inc({ kind, reason: reason ?? '' }),
    observeSearch(seconds, results) {
      searches.inc();
      searchLatency.observe(seconds);
      if (results === 0) zeroResults.inc();
    },
    setUpstreamHealth(server, state) {
      for (const s of HEALTH_STATES) health.set({ server, state: s }, s === state ? 1 : 0);
    },
    metricsText: () => registry.metrics(),
  };
}
