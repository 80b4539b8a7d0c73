/**
 * Section 4 (detection) of the benchmark alone, so a change to the search can be measured without the
 * rest: `npx tsx bench/detection-run.ts [buggy] [rare] [examples] [examples-all]` (all four without
 * arguments). Prints one JSON line per row: handler, property, seeds found within the default 100 runs,
 * median and max runs to the first failure, wall time.
 */
import { BUGGY_CASES, EXAMPLE_BUGGY_CASES, RARE_CASES } from './cases.js';
import { runDetection, runDetectionAllProperties, type DetectionRow } from './detection.js';

const groups = process.argv.slice(2);
const wanted = (g: string): boolean => groups.length === 0 || groups.includes(g);
const show = (section: string, rows: readonly DetectionRow[]): void => {
  for (const r of rows)
    console.log(
      JSON.stringify({
        section,
        handler: r.handler,
        property: r.property,
        found: r.foundOnSeeds,
        within100: r.foundWithin100OnSeeds,
        runsMedian: r.runsMedian,
        runsMax: r.runsMax,
        ms: Math.round(r.wallMs),
      }),
    );
};

if (wanted('buggy')) show('4a', await runDetection(BUGGY_CASES));
if (wanted('rare')) show('4b', await runDetection(RARE_CASES));
if (wanted('examples')) show('4c', await runDetection(EXAMPLE_BUGGY_CASES));
if (wanted('examples-all')) show('4d', await runDetectionAllProperties(EXAMPLE_BUGGY_CASES));
