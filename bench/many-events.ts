/**
 * The cost of many-events runs (issue 14): `npx tsx bench/many-events.ts`. For each handler of the
 * many-events corpus: a default check with the many-events scenarios and one without them (wall time,
 * median of 3), and what one many-events scenario costs (the events round alone, 40 scenarios).
 * Section 7 of `npm run bench` prints the same table.
 */
import { fileURLToPath } from 'node:url';
import { checkRetrySemantics } from '../src/index.js';
import { EVENTS_BUGGY, EVENTS_CORRECT } from '../test/handlers/events/index.js';
import { formatTable, num } from './table.js';

/** What the many-events bench measures. */
export const MANY_EVENTS_CONFIG = { repetitions: 3, seed: 1, scenarios: 40 } as const;

/** One row of the many-events bench. */
export interface ManyEventsRow {
  readonly handler: string;
  readonly withMs: number;
  readonly withoutMs: number;
  readonly perScenarioMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/** Runs the many-events bench over the correct handlers (they run every scenario: nothing stops early). */
export const runManyEvents = async (): Promise<ManyEventsRow[]> => {
  const rows: ManyEventsRow[] = [];
  for (const c of EVENTS_CORRECT) {
    const withIt: number[] = [];
    const without: number[] = [];
    const alone: number[] = [];
    for (let i = 0; i < MANY_EVENTS_CONFIG.repetitions; i++) {
      withIt.push(await timed(() => checkRetrySemantics(c.handler, { ...c.options, seed: MANY_EVENTS_CONFIG.seed, manyEvents: true })));
      without.push(await timed(() => checkRetrySemantics(c.handler, { ...c.options, seed: MANY_EVENTS_CONFIG.seed, manyEvents: false })));
      alone.push(
        await timed(() =>
          checkRetrySemantics(c.handler, {
            ...c.options,
            seed: MANY_EVENTS_CONFIG.seed,
            numRuns: 1,
            properties: ['no-lost-updates', 'no-self-trigger-loop', 'no-stale-overwrite'],
            manyEvents: { runs: MANY_EVENTS_CONFIG.scenarios },
          }),
        ),
      );
    }
    rows.push({ handler: c.name, withMs: median(withIt), withoutMs: median(without), perScenarioMs: median(alone) / MANY_EVENTS_CONFIG.scenarios });
  }
  return rows;
};

/** The table of the many-events bench. */
export const formatManyEvents = (rows: readonly ManyEventsRow[]): string =>
  formatTable(
    `7. Many-events runs: default check with and without the ${MANY_EVENTS_CONFIG.scenarios} many-events scenarios (ms, median of ${MANY_EVENTS_CONFIG.repetitions}), and ms per scenario (serial references included)`,
    [{ header: 'handler', align: 'left' }, { header: 'with ms' }, { header: 'without ms' }, { header: 'added ms' }, { header: 'ms/scenario' }],
    rows.map((r) => [r.handler, num(r.withMs, 0), num(r.withoutMs, 0), num(r.withMs - r.withoutMs, 0), num(r.perScenarioMs, 1)]),
    [`buggy handlers: ${EVENTS_BUGGY.length} (not timed: they stop at the first failure)`],
  );

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(formatManyEvents(await runManyEvents()));
