/**
 * @module src/gateway/observe — what the gateway reports to metrics: each pipeline step's latency, each
 * upstream call's latency by server, each call's outcome and denial reason, each execution's outcome,
 * duration and the sandbox limits it hit.
 */
import { splitToolId } from '../../catalog/types.js';
import type { ExecuteResult } from '../../sandbox/types.js';
import type { Metrics } from '../metrics/metrics.js';
import type { PipelineObserver } from '../pipeline/pipeline.js';

/** Execution error codes that mean a sandbox limit was hit, and the limit's name in metrics. */
const LIMIT_CODES: Readonly<Record<string, string>> = {
  TG_SANDBOX_TIMEOUT: 'wall_time',
  TG_SANDBOX_CPU: 'cpu_time',
  TG_SANDBOX_MEMORY: 'memory',
  TG_BUDGET_EXCEEDED: 'budget',
  TG_BUSY: 'queue',
};

export function pipelineObserver(metrics: Metrics): PipelineObserver {
  return {
    step(name, seconds, decision, ctx) {
      metrics.observeStep(name, seconds);
      if (name === 'upstream') metrics.observeUpstream(splitToolId(ctx.toolId)?.server ?? 'unknown', decision.allowed ? 'ok' : decision.code, seconds);
    },
    finished(ctx) {
      const { server = 'unknown', name: tool = ctx.toolId } = splitToolId(ctx.toolId) ?? {};
      const { decision, errorCode } = ctx.audit;
      const outcome = decision === 'deny' ? 'denied' : errorCode === undefined ? 'ok' : 'error';
      metrics.recordCall({ consumer: ctx.policy.name, server, tool, outcome });
      if (decision === 'deny') metrics.recordDenial(errorCode ?? 'unknown', ctx.policy.name);
    },
  };
}

export function recordExecution(metrics: Metrics, result: ExecuteResult): void {
  const code = result.error?.code;
  metrics.recordExecution(code === undefined ? 'ok' : 'error', code, result.stats.durationMs / 1000);
  const limit = code === undefined ? undefined : LIMIT_CODES[code];
  if (limit !== undefined) metrics.recordSandboxLimit(limit);
}
