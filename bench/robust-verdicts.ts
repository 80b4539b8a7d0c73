/**
 * The cost of robust verdicts (issue 10): each finding is judged again under every plausible value of the
 * assumed rules it rests on. For each buggy handler the same check runs twice: as shipped, and with every
 * assumed rule pinned to its default (`rules: {...}`), which turns re-judging off. The difference is the
 * cost. Run it alone: `npx tsx bench/robust-verdicts.ts`; `npm run bench` prints it as section 7.
 */
import { fileURLToPath } from 'node:url';
import { ASSUMED_RULES, DEFAULT_PLATFORM_RULES, type RuleOverrides } from '../models/rules.js';
import { checkRetrySemantics, type CheckOptions } from '../src/index.js';
import { BUGGY_CASES, type BuggyBenchCase } from './cases.js';
import { median } from './stats.js';
import { formatTable, num } from './table.js';

/** Repetitions per case and mode; the median is reported. */
export const ROBUST_CONFIG = { repetitions: 3, seed: 1 } as const;

/** One handler's cost. */
export interface RobustRow {
  readonly name: string;
  readonly verdict: string;
  readonly combinations: number;
  readonly robustMs: number;
  readonly pinnedMs: number;
}

const PINNED: RuleOverrides = Object.fromEntries(ASSUMED_RULES.map((rule) => [rule, DEFAULT_PLATFORM_RULES[rule]])) as RuleOverrides;

const timed = async (c: BuggyBenchCase, options: CheckOptions) => {
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof checkRetrySemantics>> | undefined;
  for (let i = 0; i < ROBUST_CONFIG.repetitions; i++) {
    const started = performance.now();
    last = await checkRetrySemantics(c.handler, { ...c.options, ...options, seed: ROBUST_CONFIG.seed, properties: [c.property] });
    times.push(performance.now() - started);
  }
  return { ms: median(times), result: last };
};

/** Measures every buggy corpus handler. */
export const runRobustVerdicts = async (): Promise<RobustRow[]> => {
  const rows: RobustRow[] = [];
  for (const c of BUGGY_CASES) {
    const robust = await timed(c, {});
    const pinned = await timed(c, { rules: { ...PINNED, ...(c.options.rules ?? {}) } });
    const findings = [...(robust.result?.failures ?? []), ...(robust.result?.warnings ?? [])];
    rows.push({
      name: c.name,
      verdict: robust.result?.verdict ?? '?',
      combinations: findings.reduce((n, f) => n + Math.min(f.assumptions?.total ?? 0, 32), 0),
      robustMs: robust.ms,
      pinnedMs: pinned.ms,
    });
  }
  return rows;
};

/** The table of section 7. */
export const formatRobustVerdicts = (rows: readonly RobustRow[]): string => {
  const total = (pick: (r: RobustRow) => number): number => rows.reduce((n, r) => n + pick(r), 0);
  return formatTable(
    `7. Robust verdicts: a buggy check (one property, seed ${ROBUST_CONFIG.seed}, median of ${ROBUST_CONFIG.repetitions}) with re-judging under plausible assumptions, and with every assumed rule pinned (off)`,
    [
      { header: 'handler', align: 'left' },
      { header: 'verdict', align: 'left' },
      { header: 'combos' },
      { header: 'robust ms' },
      { header: 'pinned ms' },
      { header: 'ratio' },
    ],
    rows.map((r) => [r.name, r.verdict, r.combinations, num(r.robustMs, 0), num(r.pinnedMs, 0), num(r.robustMs / r.pinnedMs, 2)]),
    [
      `total: ${num(
        total((r) => r.robustMs),
        0,
      )} ms robust vs ${num(
        total((r) => r.pinnedMs),
        0,
      )} ms pinned (x${num(total((r) => r.robustMs) / total((r) => r.pinnedMs), 2)})`,
    ],
  );
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(formatRobustVerdicts(await runRobustVerdicts()));
}
