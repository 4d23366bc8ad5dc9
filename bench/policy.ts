/**
 * @module bench/policy — the per-call cost of the policy pipeline's own checks with 100 consumers and 1,000
 * rules loaded: authorize (ACL), pin, validate, egress, rate limits + quota, execution budget.
 * Run: npx tsc -p tsconfig.build.json && node --no-node-snapshot dist/bench/policy.js
 */
import { performance } from 'node:perf_hooks';
import { ExecutionBudget } from '../src/policy/budget.js';
import { compilePolicy, type PolicyConfig } from '../src/policy/compile.js';
import { checkEgress } from '../src/policy/egress.js';
import { createRateLimiter } from '../src/policy/limits.js';
import { applyPins } from '../src/policy/pin.js';
import { createArgsValidator } from '../src/policy/validate.js';
import type { ConsumerConfig } from '../src/config/schema.js';

const CONSUMERS = 100;
const RULES_PER_CONSUMER = 10; // 100 × 10 = 1,000 rules
const SERVERS = 50;
const TOOLS_PER_SERVER = 40; // 2,000 tools
const CALLS = 200_000;
const WARMUP = 20_000;
const VERBS = ['get', 'list', 'search', 'create', 'update', 'delete', 'archive', 'post'];

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}
const rand = lcg(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const servers = Array.from({ length: SERVERS }, (_, i) => ({ id: `srv${i}`, egress: [`api.srv${i}.example.com`] }));
const toolIds = servers.flatMap((s) => Array.from({ length: TOOLS_PER_SERVER }, (_, j) => `${s.id}.${VERBS[j % VERBS.length]}_thing${j}`));
const schema = { type: 'object', properties: { id: { type: 'string' }, project: { type: 'string' }, limit: { type: 'integer', minimum: 1 } }, required: ['id'] };
const records = new Map(toolIds.map((id, i) => [id, { id, hash: `h${i}`, inputSchema: schema }]));

function consumer(i: number): ConsumerConfig {
  const own = Array.from({ length: 5 }, () => pick(servers).id);
  const rules = [
    ...own.slice(0, 3).map((s) => `${s}.*`), // 3 server globs
    `${own[3]}.get_*`, // 1 verb glob
    ...Array.from({ length: 2 }, () => pick(toolIds)), // 2 exact ids
  ];
  const deny = [`${own[0]}.delete_*`, pick(toolIds), `*.archive_*`, pick(toolIds)]; // 4 deny rules
  return {
    consumer: `agent-${i}`,
    allow: { tools: rules, toolGroups: [] },
    deny: { tools: deny.slice(0, RULES_PER_CONSUMER - rules.length), toolGroups: [] },
    outbound: { allowDomains: ['*.example.com'] },
    limits: { rateLimitPerMinute: 1_000_000_000, toolRateLimitPerMinute: 1_000_000_000, dailyQuota: 1_000_000_000 },
    overrides: { [`${own[0]}.*`]: { overrideParams: { project: 'OPS' } } },
  };
}

const config: PolicyConfig = { consumers: Array.from({ length: CONSUMERS }, (_, i) => consumer(i)) };
const policy = compilePolicy(config);
const ruleCount = [...policy.consumers.values()].reduce((n, c) => n + c.rules.allow.length + c.rules.deny.length, 0);
const limiter = createRateLimiter();
const validator = createArgsValidator();
const STEPS = ['acl', 'pin', 'validate', 'egress', 'limits', 'budget'] as const;
type Step = (typeof STEPS)[number];

function run(n: number, record: boolean, samples: Record<Step | 'total', number[]>): void {
  const budget = new ExecutionBudget({ callsPerExecution: Number.MAX_SAFE_INTEGER });
  for (let i = 0; i < n; i += 1) {
    const c = policy.consumer(`agent-${Math.floor(rand() * CONSUMERS)}`);
    const id = pick(toolIds);
    const rec = records.get(id)!;
    const server = servers[Number(id.slice(3, id.indexOf('.')))]!;
    const args = { id: 'X-1', project: 'P', limit: 5 };
    const t0 = performance.now();
    c.authorize(id); // every step runs whatever the outcome, to time the full chain
    const t1 = performance.now();
    const pinned = applyPins(args, c.override(id)?.pinned);
    const t2 = performance.now();
    validator.validate(rec, pinned.args);
    const t3 = performance.now();
    checkEgress(server, c.egress, c.name);
    const t4 = performance.now();
    limiter.check(c.name, id, c.limits);
    const t5 = performance.now();
    budget.beginCall();
    const t6 = performance.now();
    if (record) {
      const ts = [t0, t1, t2, t3, t4, t5, t6];
      STEPS.forEach((s, k) => samples[s].push((ts[k + 1]! - ts[k]!) * 1000));
      samples.total.push((t6 - t0) * 1000);
    }
  }
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fresh = () => Object.fromEntries([...STEPS, 'total'].map((s) => [s, [] as number[]])) as Record<Step | 'total', number[]>;

// Cold: first call per (consumer, tool) pays rule matching and validator compilation.
const coldStart = performance.now();
for (const c of policy.consumers.values()) for (const id of toolIds) c.authorize(id);
const coldAuthorizeUs = ((performance.now() - coldStart) * 1000) / (CONSUMERS * toolIds.length);
run(WARMUP, false, fresh());
const samples = fresh();
run(CALLS, true, samples);

console.log(`policy pipeline checks: ${CONSUMERS} consumers, ${ruleCount} rules, ${toolIds.length} tools, ${CALLS} calls (node ${process.version})`);
console.log('| step | p50 µs | p99 µs |');
console.log('|---|---:|---:|');
for (const s of [...STEPS, 'total'] as const) console.log(`| ${s} | ${quantile(samples[s], 0.5).toFixed(2)} | ${quantile(samples[s], 0.99).toFixed(2)} |`);
console.log(`| acl uncached (mean over every consumer × tool) | ${coldAuthorizeUs.toFixed(2)} | |`);
