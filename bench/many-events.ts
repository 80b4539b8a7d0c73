/**
 * The cost of many-events runs (issue 14): `npx tsx bench/many-events.ts`, or section 8 alone with
 * `npx tsx bench/run.ts --only many-events` (which also updates bench/results.json). For each correct
 * handler of the many-events corpus and each product-event handler of the main corpus: a default check
 * (many-events scenarios on at their default share, numRuns / 10) and one with `manyEvents: false` (wall
 * time, median of 3), what one many-events scenario costs (the events round alone, 40 scenarios, serial
 * references included), and the exhaustive walk of two events (interleavings, wall time).
 */
import { fileURLToPath } from 'node:url';
import { checkRetrySemantics } from '../src/index.js';
import { MANY_EVENTS_SHARE } from '../src/runner/applicable-properties.js';
import { CORRECT } from '../test/handlers/index.js';
import { EVENTS_BUGGY, EVENTS_CORRECT } from '../test/handlers/events/index.js';
import { formatTable, num } from './table.js';

/** What the many-events bench measures. */
export const MANY_EVENTS_CONFIG = { repetitions: 3, seed: 1, scenarios: 40, defaultShare: MANY_EVENTS_SHARE, numRuns: 100 } as const;

const EVENTS_ONLY = ['no-lost-updates', 'no-self-trigger-loop', 'no-stale-overwrite'] as const;

/** One row of the many-events bench. */
export interface ManyEventsRow {
  readonly handler: string;
  /** A default check: many-events scenarios on at their default share. */
  readonly withMs: number;
  readonly withoutMs: number;
  readonly perScenarioMs: number;
  /** Interleavings the exhaustive walk of two events played, and its wall time (the single-event walk at depth 1 included). */
  readonly walkInterleavings: number;
  readonly walkMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/** The handlers timed: the many-events corpus's correct ones, then the main corpus's product-event ones (without their own manyEvents). */
const CASES = [...EVENTS_CORRECT, ...CORRECT.filter((c) => (c.options.trigger ?? 'product-event') === 'product-event')];

/** Runs the many-events bench over correct handlers (they run every scenario: nothing stops early). */
export const runManyEvents = async (): Promise<ManyEventsRow[]> => {
  const rows: ManyEventsRow[] = [];
  for (const c of CASES) {
    const { manyEvents: own, ...options } = c.options as typeof c.options & { manyEvents?: unknown };
    const walkBase = { ...options, seed: MANY_EVENTS_CONFIG.seed };
    const base = { ...walkBase, numRuns: MANY_EVENTS_CONFIG.numRuns };
    const ignoreSelf = typeof own === 'object' && own !== null && (own as { ignoreSelf?: boolean }).ignoreSelf === true;
    const withIt: number[] = [];
    const without: number[] = [];
    const alone: number[] = [];
    const walk: number[] = [];
    let interleavings = 0;
    for (let i = 0; i < MANY_EVENTS_CONFIG.repetitions; i++) {
      withIt.push(await timed(() => checkRetrySemantics(c.handler, { ...base, ...(ignoreSelf ? { manyEvents: { ignoreSelf } } : {}) })));
      without.push(await timed(() => checkRetrySemantics(c.handler, { ...base, manyEvents: false })));
      alone.push(
        await timed(() =>
          checkRetrySemantics(c.handler, { ...base, numRuns: 1, properties: [...EVENTS_ONLY], manyEvents: { runs: MANY_EVENTS_CONFIG.scenarios, ignoreSelf } }),
        ),
      );
      walk.push(
        await timed(async () => {
          const walked = await checkRetrySemantics(c.handler, {
            ...walkBase,
            properties: [...EVENTS_ONLY],
            exhaustive: { depth: 1 },
            manyEvents: { ignoreSelf },
          });
          const single = await checkRetrySemantics(c.handler, { ...walkBase, exhaustive: { depth: 1 }, manyEvents: false });
          interleavings = walked.runs - single.runs;
        }),
      );
    }
    rows.push({
      handler: c.name,
      withMs: median(withIt),
      withoutMs: median(without),
      perScenarioMs: median(alone) / MANY_EVENTS_CONFIG.scenarios,
      walkInterleavings: interleavings,
      walkMs: median(walk),
    });
  }
  return rows;
};

/** The table of the many-events bench. */
export const formatManyEvents = (rows: readonly ManyEventsRow[]): string =>
  formatTable(
    `8. Many-events runs: default check (numRuns ${MANY_EVENTS_CONFIG.numRuns}, many-events scenarios at ${MANY_EVENTS_CONFIG.defaultShare * MANY_EVENTS_CONFIG.numRuns}) with and without them (ms, median of ${MANY_EVENTS_CONFIG.repetitions}), ms per scenario (of ${MANY_EVENTS_CONFIG.scenarios}, serial references included), and the exhaustive walk of two events`,
    [
      { header: 'handler', align: 'left' },
      { header: 'with ms' },
      { header: 'without ms' },
      { header: 'added ms' },
      { header: 'ms/scenario' },
      { header: 'walk interleavings' },
      { header: 'walk ms' },
    ],
    rows.map((r) => [
      r.handler,
      num(r.withMs, 0),
      num(r.withoutMs, 0),
      num(r.withMs - r.withoutMs, 0),
      num(r.perScenarioMs, 1),
      r.walkInterleavings,
      num(r.walkMs, 0),
    ]),
    [
      `buggy handlers: ${EVENTS_BUGGY.length} (not timed: they stop at the first failure)`,
      'walk ms includes the single-event walk at depth 1 and a second check without many-events to count the interleavings',
    ],
  );

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(formatManyEvents(await runManyEvents()));
