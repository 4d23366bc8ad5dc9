/**
 * @module bench/tokens-tasks — representative Code Mode tasks over the estates: three `search_tools`
 * queries each, then one `execute_code` call whose code uses the tools those searches surface, and the
 * result text the gateway would send back (`JSON.stringify(value, null, 2)`, as src/gateway/execute.ts does).
 * Code is written against binding names (`call(id)`), so it stays exactly what the sandbox would bind.
 * Queries name the product when the task does, as an agent given the task would ("jira create issue").
 */

export interface Task {
  readonly name: string;
  /** Tool ids the code calls; the task runs only on estates holding all of them. */
  readonly tools: readonly string[];
  readonly queries: readonly [string, string, string];
  /** The code text, given how each tool id is called in code. */
  code(call: (toolId: string) => string): string;
  /** The value the code returns (the result text is its pretty JSON). */
  readonly result: unknown;
}

export const TASKS: readonly Task[] = [
  {
    name: 'Jira issue for a failing Stripe payout, notify Slack',
    tools: ['stripe.GetPayouts', 'jira.createIssue', 'slack.chat_postMessage'],
    queries: ['stripe list failed payouts', 'jira create issue', 'slack post message to a channel'],
    code: (c) => `const payouts = await ${c('stripe.GetPayouts')}({ status: "failed", limit: 10 }) as any;
const failed = payouts.data.filter((p: any) => p.failure_code);
if (failed.length === 0) return { failed: 0 };
const p = failed[0];
const issue = await ${c('jira.createIssue')}({ body: { fields: {
  project: { key: "FIN" }, issuetype: { name: "Bug" },
  summary: \`Stripe payout \${p.id} failed: \${p.failure_code}\`,
  description: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: p.failure_message ?? "" }] }] },
} } }) as any;
await ${c('slack.chat_postMessage')}({ channel: "#finance-ops", text: \`Payout \${p.id} failed (\${p.failure_code}); tracking in \${issue.key}\` });
return { failed: failed.length, issue: issue.key };`,
    result: { failed: 1, issue: 'FIN-482' },
  },
  {
    name: 'Cloudflare: list a zone\'s DNS records and purge its cache',
    tools: ['cloudflare.zones-get', 'cloudflare.dns-records-for-a-zone-list-dns-records', 'cloudflare.zone-purge'],
    queries: ['cloudflare list zones by name', 'cloudflare list dns records of a zone', 'cloudflare purge cache of a zone'],
    code: (c) => `const zones = await ${c('cloudflare.zones-get')}({ name: "example.com" }) as any;
const zone = zones.result[0];
const records = await ${c('cloudflare.dns-records-for-a-zone-list-dns-records')}({ zone_id: zone.id, per_page: 100 }) as any;
await ${c('cloudflare.zone-purge')}({ zone_id: zone.id, body: { purge_everything: true } });
return { zone: zone.name, records: records.result.map((r: any) => \`\${r.type} \${r.name} → \${r.content}\`), purged: true };`,
    result: {
      zone: 'example.com',
      records: ['A example.com → 203.0.113.10', 'AAAA example.com → 2001:db8::10', 'CNAME www.example.com → example.com', 'MX example.com → mx1.example.net', 'TXT example.com → v=spf1 include:_spf.example.net ~all'],
      purged: true,
    },
  },
  {
    name: 'GitHub: pull requests waiting for review',
    tools: ['github.pulls_list', 'github.pulls_listRequestedReviewers'],
    queries: ['github list pull requests of a repository', 'github requested reviewers of a pull request', 'github list reviews of a pull request'],
    code: (c) => `const prs = await ${c('github.pulls_list')}({ owner: "acme", repo: "api", state: "open", per_page: "50" }) as any[];
const waiting = [];
for (const pr of prs.filter((p) => !p.draft)) {
  const r = await ${c('github.pulls_listRequestedReviewers')}({ owner: "acme", repo: "api", pull_number: String(pr.number) }) as any;
  if (r.users.length + r.teams.length > 0) waiting.push({ number: pr.number, title: pr.title, reviewers: r.users.map((u: any) => u.login) });
}
return waiting;`,
    result: [
      { number: 1412, title: 'Rate-limit webhook retries', reviewers: ['mhart', 'lee-k'] },
      { number: 1407, title: 'Move billing jobs to the new queue', reviewers: ['ana-p'] },
      { number: 1399, title: 'Fix pagination of /v2/invoices', reviewers: ['mhart'] },
    ],
  },
  {
    name: 'GitHub MCP: triage unlabeled issues',
    tools: ['github-mcp.list_issues', 'github-mcp.update_issue_labels', 'github-mcp.add_issue_comment'],
    queries: ['github list issues of a repository', 'github set labels of an issue', 'github add comment to an issue'],
    code: (c) => `const res = await ${c('github-mcp.list_issues')}({ owner: "acme", repo: "web", state: "OPEN", perPage: 50 }) as any;
const unlabeled = res.issues.filter((i: any) => i.labels.length === 0);
for (const i of unlabeled) {
  const label = /crash|error|fail/i.test(i.title) ? "bug" : "needs-triage";
  await ${c('github-mcp.update_issue_labels')}({ owner: "acme", repo: "web", issue_number: i.number, labels: [label] });
  if (label === "needs-triage") await ${c('github-mcp.add_issue_comment')}({ owner: "acme", repo: "web", issue_number: i.number, body: "Thanks! A maintainer will triage this soon." });
}
return unlabeled.map((i: any) => i.number);`,
    result: [2231, 2234, 2240, 2241],
  },
  {
    name: 'Jira Software sprint summary into a Notion page',
    tools: ['jira-software.getAllSprints', 'jira-software.getIssuesForSprint', 'notion.post-page'],
    queries: ['jira sprints of a board', 'jira issues in a sprint', 'notion create page'],
    code: (c) => `const sprints = await ${c('jira-software.getAllSprints')}({ boardId: 42, state: "active" }) as any;
const sprint = sprints.values[0];
const issues = await ${c('jira-software.getIssuesForSprint')}({ sprintId: sprint.id, fields: ["summary", "status"], maxResults: 100 }) as any;
const byStatus: Record<string, number> = {};
for (const i of issues.issues) byStatus[i.fields.status.name] = (byStatus[i.fields.status.name] ?? 0) + 1;
const page = await ${c('notion.post-page')}({ body: { parent: { page_id: "0f3c1a6e8b2d4c55" }, properties: { title: { title: [{ text: { content: \`\${sprint.name} summary\` } }] } },
  children: Object.entries(byStatus).map(([s, n]) => ({ object: "block", type: "bulleted_list_item", bulleted_list_item: { rich_text: [{ text: { content: \`\${s}: \${n}\` } }] } })) } }) as any;
return { sprint: sprint.name, byStatus, page: page.url };`,
    result: { sprint: 'Sprint 58', byStatus: { Done: 14, 'In Progress': 5, 'To Do': 3 }, page: 'https://www.notion.so/Sprint-58-summary-9b1f0c2e' },
  },
  {
    name: 'Stripe: refund a customer\'s last charge',
    tools: ['stripe.GetCustomers', 'stripe.GetCharges', 'stripe.PostRefunds'],
    queries: ['stripe find customer by email', 'stripe list charges of a customer', 'stripe refund a charge'],
    code: (c) => `const customers = await ${c('stripe.GetCustomers')}({ email: "jo@example.org", limit: 1 }) as any;
const customer = customers.data[0];
const charges = await ${c('stripe.GetCharges')}({ customer: customer.id, limit: 1 }) as any;
const charge = charges.data[0];
const refund = await ${c('stripe.PostRefunds')}({ body: { charge: charge.id, reason: "requested_by_customer" } }) as any;
return { customer: customer.id, charge: charge.id, amount: charge.amount, refund: refund.id, status: refund.status };`,
    result: { customer: 'cus_Q8mR2xLw', charge: 'ch_3P9kLm2eZvKYlo2C1', amount: 4900, refund: 're_3P9kLm2eZvKYlo2C0', status: 'succeeded' },
  },
  {
    name: 'Digest of failed CI runs posted to Slack',
    tools: ['github-mcp.actions_list', 'slack.chat_postMessage'],
    queries: ['github actions list workflow runs', 'github logs of a failed job', 'slack post message to a channel'],
    code: (c) => `const runs = await ${c('github-mcp.actions_list')}({ method: "list_workflow_runs", owner: "acme", repo: "api", workflow_runs_filter: { status: "failure" }, per_page: 20 }) as any;
const lines = runs.workflow_runs.map((r: any) => \`• \${r.name} on \${r.head_branch}: \${r.html_url}\`);
if (lines.length > 0) await ${c('slack.chat_postMessage')}({ channel: "#ci", text: \`\${lines.length} failed runs today\\n\${lines.join("\\n")}\` });
return { failed: lines.length };`,
    result: { failed: 3 },
  },
  {
    name: 'Crashing Kubernetes pods matched with Sentry issues',
    tools: ['kubectl-mcp-server.get_pods', 'kubectl-mcp-server.get_logs', 'sentry-remote.search_issues'],
    queries: ['kubernetes list pods in a namespace', 'kubernetes logs of a pod', 'sentry search issues'],
    code: (c) => `const pods = await ${c('kubectl-mcp-server.get_pods')}({ namespace: "prod" }) as any;
const crashing = (pods.pods ?? pods).filter((p: any) => /CrashLoopBackOff|Error/.test(p.status));
const out = [];
for (const p of crashing.slice(0, 5)) {
  const logs = await ${c('kubectl-mcp-server.get_logs')}({ pod_name: p.name, namespace: "prod", tail: 20 }) as any;
  const issues = await ${c('sentry-remote.search_issues')}({ naturalLanguageQuery: \`unresolved errors from \${p.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, "")}\` }) as any;
  out.push({ pod: p.name, lastLog: String(logs).split("\\n").at(-1), sentry: String(issues).slice(0, 200) });
}
return out;`,
    result: [
      { pod: 'checkout-7d9f8c6b5-x2kqp', lastLog: 'Error: connect ECONNREFUSED 10.0.4.17:5432', sentry: 'CHECKOUT-1F3: ConnectionRefusedError in db.pool (312 events, last seen 2m ago)' },
      { pod: 'emailer-5c4b9d7f8-9lmzt', lastLog: 'panic: template "receipt" not found', sentry: 'EMAILER-9A: template not found (45 events)' },
    ],
  },
  {
    name: 'Jira: close my in-progress issues with a comment',
    tools: ['jira.searchForIssuesUsingJql', 'jira.doTransition', 'jira.addComment'],
    queries: ['jira search issues with jql', 'jira transition issue to done', 'jira add comment to issue'],
    code: (c) => `const found = await ${c('jira.searchForIssuesUsingJql')}({ jql: 'assignee = currentUser() AND status = "In Progress" AND updated < -14d', fields: ["summary"], maxResults: 50 }) as any;
for (const i of found.issues) {
  await ${c('jira.addComment')}({ issueIdOrKey: i.key, body: { body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "Closing: no activity for two weeks." }] }] } } });
  await ${c('jira.doTransition')}({ issueIdOrKey: i.key, body: { transition: { id: "31" } } });
}
return found.issues.map((i: any) => i.key);`,
    result: ['OPS-1203', 'OPS-1217', 'OPS-1220'],
  },
];
