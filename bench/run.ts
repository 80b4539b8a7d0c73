/**
 * The benchmark of issue 6: `npm run bench` (tsx bench/run.ts). Prints one table per measurement and
 * writes everything to bench/results.json (keys sorted). `--no-exhaustive` skips sections 5 and 9, the
 * slowest. Takes about two minutes on two cores. `--only many-events` runs section 8 alone and updates
 * only its part of bench/results.json.
 *
 *   1  throughput: delivery sequences per second through drive(), and the overhead over a bare floor
 *   2  latency of a default passing check, where its time goes, and what one call costs
 *   3  latency of a default failing check (shrinking and report included)
 *   4  detection: runs to the first failure over seeds 1..20, size of the shrunk failure
 *   5  exhaustive mode: schedules and wall time per correct handler
 *   6  the CLI on the example apps at 1 and 2 workers (sampled; and --exhaustive unless --no-exhaustive;
 *      alone: npx tsx bench/cli-workers.ts)
 *   7  robust verdicts: a buggy check with re-judging under plausible assumptions vs every assumed rule
 *      pinned (alone: npx tsx bench/robust-verdicts.ts)
 *   8  many-events runs: what the many-events scenarios add to a default check (bench/many-events.ts)
 *   9  the example app's --exhaustive run as 1, 2 and 4 --shard --split-walks jobs (unless --no-exhaustive;
 *      about six minutes; alone: npx tsx bench/split-walks.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { CALL_COST_CONFIG, runCallCosts } from './call-costs.js';
import { CLI_WORKERS_CONFIG, formatCliWorkers, runCliWorkers } from './cli-workers.js';
import { BREAKDOWN_REPETITIONS, fakeClockPerInvocationUs, runBreakdown, type BreakdownRow } from './breakdown.js';
import { BUGGY_CASES, CORRECT_CASES, EXAMPLE_BUGGY_CASES, RARE_CASES, REFERENCE_CASES } from './cases.js';
import { DETECTION_CONFIG, runDetection, runDetectionAllProperties, type DetectionRow } from './detection.js';
import { EXHAUSTIVE_CONFIG, runExhaustive, type ExhaustiveRow } from './exhaustive.js';
import { LATENCY_CONFIG, explainFailingMisses, runFailingLatency, runPassingLatency, type LatencyRow } from './latency.js';
import { formatMachine, machineInfo } from './machine.js';
import { MANY_EVENTS_CONFIG, formatManyEvents, runManyEvents } from './many-events.js';
import { writeResults } from './results-json.js';
import { ROBUST_CONFIG, formatRobustVerdicts, runRobustVerdicts } from './robust-verdicts.js';
import { clip, formatTable, num, type Column } from './table.js';
import { SPLIT_WALKS_CONFIG, formatSplitWalks, runSplitWalks } from './split-walks.js';
import { THROUGHPUT_CONFIG, runThroughput, type ThroughputRow } from './throughput.js';

const started = performance.now();
const withExhaustive = !process.argv.includes('--no-exhaustive');
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const L = (header: string): Column => ({ header, align: 'left' });
const R = (header: string): Column => ({ header });
const pair = (a: number | null, b: number | null): string => `${num(a)} / ${num(b)}`;
const print = (text: string): void => {
  console.log(text);
};

const machine = machineInfo();
print(`forge-retry-harness benchmark (issue 6)\n${formatMachine(machine)}\n`);

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined) {
  if (only !== 'many-events') throw new Error(`bench: --only ${String(only)} is not a section that runs alone; use --only many-events`);
  const rows = await runManyEvents();
  print(formatManyEvents(rows));
  const previous = (existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {}) as { config?: Record<string, unknown> } & Record<string, unknown>;
  // The rest of the file was measured on another run: this section keeps the machine and load it ran under.
  const manyEventsMachine = { ...machine, loadAverage1mAtEnd: Math.round(os.loadavg()[0]! * 100) / 100 };
  writeResults(RESULTS, { ...previous, config: { ...previous.config, manyEvents: MANY_EVENTS_CONFIG }, manyEvents: rows, manyEventsMachine });
  print(`many-events section finished in ${num((performance.now() - started) / 1000, 1)} s; its results in ${RESULTS}`);
  process.exit(0);
}

// 1. Throughput
const throughput = await runThroughput();
print(
  formatTable(
    `1. Throughput: drive() in one withHarnessLock over ${THROUGHPUT_CONFIG.scenarios} scenarios (scenarioArbitrary, seed ${THROUGHPUT_CONFIG.scenarioSeed}); median of ${THROUGHPUT_CONFIG.measuredPasses} passes; ratio = harness / floor`,
    [
      L('handler'),
      R('seqs'),
      R('deliveries'),
      R('invocations'),
      R('pass ms'),
      R('seq/s'),
      R('deliv/s'),
      R('us/deliv'),
      R('floor ms'),
      R('floor us/inv'),
      R('ratio'),
    ],
    throughput.map((t: ThroughputRow) => [
      t.handler,
      t.sequences,
      t.deliveries,
      t.invocations,
      t.harnessPassMs,
      Math.round(t.sequencesPerSecond),
      Math.round(t.deliveriesPerSecond),
      t.usPerDelivery,
      t.floorPassMs,
      t.floorUsPerInvocation,
      `${num(t.overheadRatio, 1)}x`,
    ]),
    [
      'floor: the same handler called once per harness invocation, with only a stub __forge_fetch__ answering 200 {} (no model, no fake timers);',
      '(c) floor also replaces setTimeout with a next-microtask call, since it cannot sleep 2 s per call for real',
    ],
  ),
);

// 2. Passing latency and its breakdown
const passing = await runPassingLatency([...REFERENCE_CASES, ...CORRECT_CASES]);
const latencyColumns = [L('group'), L('handler'), L('passed'), R('runs'), R('median ms'), R('min'), R('max'), R('target'), L('ok')];
print(
  formatTable(
    `2. Latency: default checkRetrySemantics (all properties, ${100} runs, default seed), median of ${LATENCY_CONFIG.passingRepetitions} after ${LATENCY_CONFIG.passingWarmup} warm-up; target < ${LATENCY_CONFIG.passingTargetMs} ms for a correct handler`,
    latencyColumns,
    passing.map((r: LatencyRow) => [
      r.group,
      clip(r.handler),
      String(r.passed),
      r.runs,
      r.medianMs,
      r.minMs,
      r.maxMs,
      r.targetMs,
      r.meetsTarget ? 'yes' : 'MISSED',
    ]),
  ),
);
const clockUs = fakeClockPerInvocationUs();
const breakdown = await runBreakdown([...REFERENCE_CASES, ...CORRECT_CASES], clockUs);
print(
  formatTable(
    `2b. Breakdown of one passing check (instrumented copy of the runner, median of ${BREAKDOWN_REPETITIONS}); ms`,
    [
      L('handler'),
      R('total'),
      R('opts+lock'),
      R('fast-check'),
      R('drive'),
      R('judge'),
      R('deliveries'),
      R('invocations'),
      R('drive us/inv'),
      R('fake-timers est.'),
    ],
    breakdown.map((b: BreakdownRow) => [
      clip(b.handler, 44),
      b.totalMs,
      b.optionsAndSessionMs,
      b.fastCheckMs,
      b.driveMs,
      b.judgeMs,
      b.deliveries,
      b.invocations,
      b.driveUsPerInvocation,
      `${num(b.fakeTimersEstimateMs)} (${num((100 * b.fakeTimersEstimateMs) / b.totalMs, 0)}%)`,
    ]),
    [
      `fake-timers est. = invocations x ${num(clockUs)} us, the measured cost of the fake clock's reset + setSystemTime + reset around one invocation (it is installed once per check)`,
      'fast-check = generating the scenarios and fc.check itself (no shrinking on a passing check); opts+lock = resolveOptions, lock, session open/close',
    ],
  ),
);

const callCosts = await runCallCosts();
print(
  formatTable(
    `2c. Cost of one call inside drive(): calm one-delivery runs, ${CALL_COST_CONFIG.measuredRuns} after ${CALL_COST_CONFIG.warmupRuns} warm-up; us`,
    [L('the handler makes'), R('us per run'), R('us over none')],
    callCosts.map((c) => [c.call, c.usPerRun, c.call === 'none' ? '-' : num(c.usOverNone)]),
    ['"none" is the fixed cost of one delivery: model step, prepareCall (event copies), fake clock reset, real turns'],
  ),
);

// 3. Failing latency
const failing = await runFailingLatency([...BUGGY_CASES, ...RARE_CASES, ...EXAMPLE_BUGGY_CASES]);
print(
  formatTable(
    `3. Failing latency: default checkRetrySemantics incl. shrinking and report, median of ${LATENCY_CONFIG.failingRepetitions} after ${LATENCY_CONFIG.failingWarmup} warm-up; target < ${LATENCY_CONFIG.failingTargetMs} ms`,
    [L('group'), L('handler'), L('passed'), R('runs (all rounds)'), R('shrinks'), R('median ms'), R('min'), R('max'), L('ok'), L('reported')],
    failing.map((r: LatencyRow) => [
      r.group,
      clip(r.handler),
      String(r.passed),
      r.runs,
      r.shrinks,
      r.medianMs,
      r.minMs,
      r.maxMs,
      r.meetsTarget ? 'yes' : 'MISSED',
      r.failedProperties.join(','),
    ]),
  ),
);

const failingMisses = await explainFailingMisses([...BUGGY_CASES, ...RARE_CASES, ...EXAMPLE_BUGGY_CASES], failing);
if (failingMisses.length > 0) {
  print(
    formatTable(
      '3b. Failing checks over target: the last round (a check skipping the reported properties, which passes) timed alone',
      [L('handler'), R('check median ms'), R('last round ms'), R('last round runs'), R('requests in the failure')],
      failingMisses.map((m) => [clip(m.handler), m.medianMs, m.lastRoundMs, m.lastRoundRuns, m.requestsInFailure]),
      ['after reporting the violated properties the runner samples again for the rest; that round passes, so it plays every one of its runs'],
    ),
  );
}

// 4. Detection
const detectionColumns = [
  L('handler'),
  L('property'),
  R('found'),
  R('<=100'),
  R('runs med/max'),
  R('deliv med/max'),
  R('req med/max'),
  R('shrinks med/max'),
  R('ms'),
];
const detectionRows = (rows: readonly DetectionRow[]) =>
  rows.map((d) => [
    clip(d.handler, 48),
    d.property,
    `${d.foundOnSeeds}/${d.seeds}`,
    `${d.foundWithin100OnSeeds}/${d.seeds}`,
    pair(d.runsMedian, d.runsMax),
    pair(d.deliveriesMedian, d.deliveriesMax),
    pair(d.requestsMedian, d.requestsMax),
    pair(d.shrinksMedian, d.shrinksMax),
    Math.round(d.wallMs),
  ]);
const seedsText = `seeds ${DETECTION_CONFIG.firstSeed}..${DETECTION_CONFIG.firstSeed + DETECTION_CONFIG.seeds - 1}, numRuns cap ${DETECTION_CONFIG.maxRuns}`;
const detectionNotes = [
  "runs = fast-check runs up to and including the first failing one; deliv/req = deliveries and upstream requests in the shrunk failure's trace",
  '<=100 = seeds on which the failure was found within the default 100 runs; ms = wall time of all 20 checks',
];
const detectionBuggy = await runDetection(BUGGY_CASES);
print(formatTable(`4a. Detection, BUGGY corpus: properties: [its property], ${seedsText}`, detectionColumns, detectionRows(detectionBuggy), detectionNotes));
const detectionRare = await runDetection(RARE_CASES);
print(formatTable(`4b. Detection, BUGGY_RARE: properties: [its property], ${seedsText}`, detectionColumns, detectionRows(detectionRare)));
const detectionExamples = await runDetection(EXAMPLE_BUGGY_CASES);
print(formatTable(`4c. Detection, example app's wrong handlers: properties: [its property], ${seedsText}`, detectionColumns, detectionRows(detectionExamples)));
const detectionExamplesAll = await runDetectionAllProperties(EXAMPLE_BUGGY_CASES);
print(
  formatTable(
    `4d. Detection, example app's wrong handlers as their one-line tests check them (all properties, numRuns 100), seeds ${DETECTION_CONFIG.firstSeed}..${DETECTION_CONFIG.firstSeed + DETECTION_CONFIG.seeds - 1}`,
    detectionColumns,
    detectionRows(detectionExamplesAll),
    ['property "all": runs, deliveries and requests describe the failures of the first round (the first failing scenario)'],
  ),
);

// 5. Exhaustive
let exhaustive: ExhaustiveRow[] = [];
if (withExhaustive) {
  exhaustive = await runExhaustive();
  print(
    formatTable(
      `5. Exhaustive mode (exhaustive: true) per CORRECT handler, one child process each, limit ${EXHAUSTIVE_CONFIG.limitSeconds} s`,
      [L('handler'), L('status'), L('passed'), R('schedules'), R('seconds'), R('us/schedule')],
      exhaustive.map((e) => [
        clip(e.handler),
        e.status,
        e.passed === null ? '-' : String(e.passed),
        e.schedules,
        e.ms === null ? null : e.ms / 1000,
        e.usPerSchedule,
      ]),
    ),
  );
} else {
  print('== 5. Exhaustive mode: skipped (--no-exhaustive)\n');
}

// 7 runs before 6 in the code only so that both tables print before the results are written.
// 7. Robust verdicts
const robustVerdicts = await runRobustVerdicts();
print(formatRobustVerdicts(robustVerdicts));

// 6. The CLI in worker processes (alone: npx tsx bench/cli-workers.ts)
const cliWorkers = runCliWorkers(withExhaustive);
print(formatCliWorkers(cliWorkers));

// 9. One exhaustive walk split across the jobs of a matrix (alone: npx tsx bench/split-walks.ts); dist/ was built by 6
const splitWalks = withExhaustive ? runSplitWalks(false) : [];
print(withExhaustive ? formatSplitWalks(splitWalks) : '== 9. Split walks: skipped (--no-exhaustive)\n');

// Targets
const missedPassing = passing.filter((r) => !r.meetsTarget);
const missedFailing = failing.filter((r) => !r.meetsTarget);
const notEverySeed = detectionBuggy.filter((d) => !d.foundWithin100OnEverySeed);
const unexpected = [...passing.filter((r) => !r.passed), ...failing.filter((r) => r.passed)];
const differing = cliWorkers.filter((c) => !c.sameOutput);
const summary = [
  `passing latency < ${LATENCY_CONFIG.passingTargetMs} ms: ${passing.length - missedPassing.length}/${passing.length}${missedPassing.length > 0 ? ` (missed: ${missedPassing.map((r) => `${clip(r.handler, 40)} ${num(r.medianMs)} ms`).join('; ')})` : ''}`,
  `failing latency < ${LATENCY_CONFIG.failingTargetMs} ms: ${failing.length - missedFailing.length}/${failing.length}${missedFailing.length > 0 ? ` (missed: ${missedFailing.map((r) => `${clip(r.handler, 40)} ${num(r.medianMs)} ms`).join('; ')})` : ''}`,
  `BUGGY found within 100 runs on every seed: ${detectionBuggy.length - notEverySeed.length}/${detectionBuggy.length}${notEverySeed.length > 0 ? ` (not: ${notEverySeed.map((d) => clip(d.handler, 40)).join('; ')})` : ''}`,
  ...(unexpected.length > 0 ? [`UNEXPECTED verdicts: ${unexpected.map((r) => `${r.handler} passed=${r.passed}`).join('; ')}`] : []),
  `CLI output the same at every --workers: ${differing.length === 0 ? 'yes' : `NO (${differing.map((c) => `${c.app} ${c.mode} --workers ${c.workers}`).join('; ')})`}`,
  ...(withExhaustive
    ? [
        `split walks merged to the one job's JSON: ${
          splitWalks.every((r) => r.sameOutput)
            ? 'yes'
            : `NO (${splitWalks
                .filter((r) => !r.sameOutput)
                .map((r) => `${r.jobs} jobs`)
                .join('; ')})`
        }`,
      ]
    : []),
];
// 8. Many-events runs (issue 14)
const manyEvents = await runManyEvents();
print(formatManyEvents(manyEvents));

const loadAtEnd = Math.round(os.loadavg()[0]! * 100) / 100;
if (loadAtEnd >= machine.cpus)
  summary.push(`WARNING: load average ${loadAtEnd} at the end (${machine.cpus} cores): other work competed for the CPU during the run; timings are inflated`);
const seconds = (performance.now() - started) / 1000;
print(`== Targets\n${summary.map((s) => `   ${s}`).join('\n')}\n\nbench finished in ${num(seconds, 1)} s; results in ${RESULTS}`);

writeResults(RESULTS, {
  benchmark: 'forge-retry-harness issue 6',
  generatedAt: new Date().toISOString(),
  durationSeconds: seconds,
  machine: { ...machine, loadAverage1mAtEnd: loadAtEnd },
  config: {
    throughput: THROUGHPUT_CONFIG,
    latency: LATENCY_CONFIG,
    breakdownRepetitions: BREAKDOWN_REPETITIONS,
    callCosts: CALL_COST_CONFIG,
    detection: DETECTION_CONFIG,
    exhaustive: { ...EXHAUSTIVE_CONFIG, ran: withExhaustive },
    cliWorkers: CLI_WORKERS_CONFIG,
    robustVerdicts: ROBUST_CONFIG,
    manyEvents: MANY_EVENTS_CONFIG,
    splitWalks: SPLIT_WALKS_CONFIG,
  },
  throughput,
  latency: { passing, breakdown: { fakeClockPerInvocationUs: clockUs, rows: breakdown }, callCosts, failing, failingMisses },
  detection: { buggy: detectionBuggy, rare: detectionRare, examples: detectionExamples, examplesAllProperties: detectionExamplesAll },
  exhaustive,
  cliWorkers,
  robustVerdicts,
  manyEvents,
  splitWalks,
  targets: summary,
});
