import { describe, expect, it } from 'vitest';
import { register } from 'prom-client';
import { createMetrics } from '../../../src/metrics/metrics.js';

describe('metrics', () => {
  it('renders calls, denials, step and upstream latency, executions, auth failures, limit hits, searches and upstream health', async () => {
    const m = createMetrics();
    m.recordCall({ consumer: 'daily-triage-agent', server: 'jira', tool: 'jira.get_issue', outcome: 'ok' });
    m.recordCall({ consumer: 'daily-triage-agent', server: 'jira', tool: 'jira.get_issue', outcome: 'ok' });
    m.recordCall({ consumer: 'daily-triage-agent', server: 'slack', tool: 'slack.delete_channel', outcome: 'denied' });
    m.recordDenial('TG_ACL_DENIED', 'daily-triage-agent');
    m.observeStep('acl', 0.00002);
    m.recordExecution('error', 'TG_SANDBOX_TIMEOUT', 30);
    m.observeUpstream('jira', 'ok', 0.08);
    m.observeUpstream('jira', 'TG_UPSTREAM_TIMEOUT', 30);
    m.recordAuthFailure('TG_UNAUTHENTICATED');
    m.recordAuthFailure('throttled');
    m.recordSandboxLimit('TG_SANDBOX_TIMEOUT');
    m.observeSearch(0.004, 0);
    m.observeSearch(0.002, 3);
    m.setUpstreamHealth('jira', 'healthy');
    m.setUpstreamHealth('jira', 'unhealthy');
    const text = await m.metricsText();
    expect(text).toContain('toolgate_tool_calls_total{consumer="daily-triage-agent",server="jira",tool="jira.get_issue",outcome="ok"} 2');
    expect(text).toContain('toolgate_tool_calls_total{consumer="daily-triage-agent",server="slack",tool="slack.delete_channel",outcome="denied"} 1');
    expect(text).toContain('toolgate_denials_total{reason="TG_ACL_DENIED",consumer="daily-triage-agent"} 1');
    expect(text).toContain('toolgate_pipeline_step_seconds_bucket{le="0.00005",step="acl"} 1');
    expect(text).toContain('toolgate_pipeline_step_seconds_count{step="acl"} 1');
    expect(text).toContain('toolgate_executions_total{outcome="error",code="TG_SANDBOX_TIMEOUT"} 1');
    expect(text).toContain('toolgate_execution_seconds_bucket{le="30",outcome="error"} 1');
    expect(text).toContain('toolgate_upstream_call_seconds_bucket{le="0.1",server="jira",outcome="ok"} 1');
    expect(text).toContain('toolgate_upstream_call_seconds_count{server="jira",outcome="TG_UPSTREAM_TIMEOUT"} 1');
    expect(text).toContain('toolgate_auth_failures_total{reason="TG_UNAUTHENTICATED"} 1');
    expect(text).toContain('toolgate_auth_failures_total{reason="throttled"} 1');
    expect(text).toContain('toolgate_sandbox_limit_hits_total{limit="TG_SANDBOX_TIMEOUT"} 1');
    expect(text).toContain('toolgate_searches_total 2');
    expect(text).toContain('toolgate_search_zero_results_total 1');
    expect(text).toContain('toolgate_search_seconds_count 2');
    expect(text).toContain('toolgate_upstream_health{server="jira",state="unhealthy"} 1');
    expect(text).toContain('toolgate_upstream_health{server="jira",state="healthy"} 0');
    expect(m.contentType).toContain('text/plain');
  });

  it('keeps each instance on its own registry, never the global one', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.recordDenial('TG_RATE_LIMITED', 'x');
    expect(await b.metricsText()).not.toContain('TG_RATE_LIMITED');
    expect(register.getSingleMetric('toolgate_denials_total')).toBeUndefined();
  });
});
