/**
 * @module test/src/policy/triage-fixture — the DESIGN.md example policy, verbatim, inside a config with the
 * tool groups it names, and the tool ids of three fixture servers named jira, notion and slack.
 */
import { parse } from 'yaml';
import { ConfigSchema, type Config } from '../../../src/config/schema.js';

/** Verbatim from DESIGN.md "Config" (a consumer entry). */
export const DESIGN_EXAMPLE = `consumer: daily-triage-agent
allow:
  toolGroups: ["jira-triage", "notion-read", "slack-post"]
deny:
  tools: ["slack.delete_channel", "jira.delete_issue"]
outbound:
  allowDomains: ["api.slack.com", "api.atlassian.com", "api.notion.com"]
limits:
  rateLimitPerMinute: 120
`;

export const TOOL_GROUPS = `toolGroups:
  jira-triage: ["jira.*"]
  notion-read: ["notion.search", "notion.get_*", "notion.query_*"]
  slack-post: ["slack.post_message", "slack.list_channels", "slack.delete_*"]
`;

export const TOOL_IDS = [
  'jira.search_issues', 'jira.get_issue', 'jira.create_issue', 'jira.transition_issue', 'jira.add_comment', 'jira.delete_issue',
  'notion.search', 'notion.get_page', 'notion.query_database', 'notion.create_page', 'notion.delete_page',
  'slack.post_message', 'slack.list_channels', 'slack.get_channel_history', 'slack.delete_channel', 'slack.delete_message',
] as const;

export const SERVERS = {
  jira: { id: 'jira', egress: ['api.atlassian.com'] },
  notion: { id: 'notion', egress: ['api.notion.com'] },
  slack: { id: 'slack', egress: ['api.slack.com', 'files.slack.com'] },
} as const;

function indent(text: string, prefix: string): string {
  return text.trimEnd().split('\n').map((line, i) => (i === 0 ? line : prefix + line)).join('\n');
}

/** The full config text: tool groups, then the example as the one consumer, indented as a list item. */
export function triageConfigText(extraConsumers = ''): string {
  return `${TOOL_GROUPS}limits:\n  toolRateLimitPerMinute: 30\nconsumers:\n  - ${indent(DESIGN_EXAMPLE, '    ')}\n${extraConsumers}`;
}

export function loadTriageConfig(extraConsumers = ''): Config {
  return ConfigSchema.parse(parse(triageConfigText(extraConsumers)));
}
