/**
 * Golden reports of the buggy corpus: each handler's full report on one seed, compared byte for byte
 * with its own committed file in test/golden/corpus/ (one file a handler, so that a change shows up as
 * a diff of the handlers it touches). `npm test` compares one handler a property
 * ({@link ONE_A_PROPERTY}); test:full compares them all (test/full/golden-corpus.test.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import type { BuggyCase } from '../handlers/index.js';

/** The seed of every golden corpus report: seed 7 of each buggy handler is pinned, byte for byte. */
export const GOLDEN_SEED = 7;
const here = dirname(fileURLToPath(import.meta.url));

/** The committed file of a case: its name in kebab case, e.g. `parseInt on Retry-After` → parseint-on-retry-after.txt. */
export const goldenFile = (c: BuggyCase): string =>
  join(
    here,
    'corpus',
    `${c.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}.txt`,
  );

/** The paging loop's report costs 15 s (its shrunk run is hundreds of pages): test:full compares it. */
const SLOWEST = 'pages with while (!isLast) on an API without isLast';

/**
 * The first case of each property, in corpus order (passing over {@link SLOWEST}): every property's
 * messages and timelines, at a third of the cost of them all.
 */
export const ONE_A_PROPERTY = (cases: readonly BuggyCase[]): BuggyCase[] => {
  const quick = cases.filter((c) => c.name !== SLOWEST);
  return quick.filter((c, i) => quick.findIndex((d) => d.property === c.property) === i);
};

/** One test a case: its report at {@link GOLDEN_SEED} and 60 runs equals its committed file. */
export const goldenCorpus = (cases: readonly BuggyCase[]): void => {
  for (const c of cases) {
    it(`${c.name} reports byte-identically to ${goldenFile(c).slice(here.length + 1)}`, async () => {
      const result = await checkRetrySemantics(c.handler, { ...c.options, seed: GOLDEN_SEED, numRuns: 60 });
      const head = `=== ${c.name} · seed ${GOLDEN_SEED} · passed ${result.passed} · runs ${result.runs} · shrinks ${result.shrinks}`;
      await expect(`${head}\n${result.report}`).toMatchFileSnapshot(goldenFile(c));
    });
  }
};
