/**
 * The command line, parsed with node:util parseArgs and validated at the door: every bad flag value
 * is a problem that names the valid ones.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TRIGGERS, type Trigger } from '../../models/codes.js';
import { describeInput, thrownMessage } from '../../models/render-value.js';
import { PROPERTIES, PROPERTY_IDS, isPropertyId, type PropertyId } from '../../properties/catalog.js';
import { readReplayPath, replayPathFix } from '../runner/replay-path.js';
import { usage } from './errors.js';
import { parseShard, type Shard } from './shard.js';

/** A `file.ts#export` argument. */
export interface FileReference {
  /** As typed, for the output. */
  readonly reference: string;
  /** Absolute path, not yet checked to exist. */
  readonly path: string;
  /** Undefined when the argument has no `#export`. */
  readonly exportName: string | undefined;
}

/** The parsed command line. */
export interface CliArgs {
  readonly help: boolean;
  readonly version: boolean;
  /** Absolute app folder: `--cwd`, else the process's working directory. */
  readonly cwd: string;
  readonly files: readonly FileReference[];
  readonly trigger: Trigger | undefined;
  readonly consumerShape: 'function' | 'resolver' | undefined;
  readonly functionKey: string | undefined;
  readonly seed: number | undefined;
  readonly numRuns: number | undefined;
  readonly properties: readonly PropertyId[] | undefined;
  readonly skip: readonly PropertyId[];
  readonly json: boolean;
  /** Absolute path of the JUnit XML file to write. */
  readonly junit: string | undefined;
  readonly exhaustive: boolean;
  readonly noFail: boolean;
  /** `--strict`: an inconclusive handler fails the run (exit 1). */
  readonly strict: boolean;
  /** `--strict-assumptions`: a finding that holds only under some plausible assumptions is a failure. */
  readonly strictAssumptions: boolean;
  /** `--workers N`; undefined means the default of `workerMode` (workers.ts). */
  readonly workers: number | undefined;
  /** `--shard i/n`: check only this slice of the handlers. */
  readonly shard: Shard | undefined;
  /** `--split-walks`: every shard plays a slice of each handler's exhaustive walk, instead of whole handlers. */
  readonly splitWalks: boolean;
  /** Absolute path of the SARIF file to write. */
  readonly sarif: string | undefined;
  /** Absolute path of the Markdown file to write. */
  readonly markdown: string | undefined;
  /** `--verbose`: failure reports show the handler's console output of the reported scenario. */
  readonly verbose: boolean;
  /** Absolute path of `--event FILE`, a JSON event (or queue body) every handler receives. */
  readonly event: string | undefined;
  /** `--path`: the replay path of one scenario, from a report (validated by the options schema). */
  readonly path: string | undefined;
  /** Absolute path of `--config FILE`; undefined: forge-retry-harness.config.* beside manifest.yml. */
  readonly config: string | undefined;
}

/** Columns of the help text; longer property summaries wrap under their own column. */
const HELP_WIDTH = 100;

/** `text` in lines of at most `width` characters, broken between words. */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
};

/** Every property's id and what it demands, from the catalog, in report order. */
const propertyLines = (): string => {
  const column = Math.max(...PROPERTY_IDS.map((id) => id.length)) + 4;
  return PROPERTIES.flatMap((p) => wrap(p.summary, HELP_WIDTH - column).map((line, i) => `${(i === 0 ? `  ${p.id}` : '').padEnd(column)}${line}`)).join('\n');
};

/** The usage text of `--help`. */
export const HELP = `Usage: forge-retry-harness [options] [file.ts#export ...]
       forge-retry-harness merge shard-1.json shard-2.json ...

Checks the retry semantics of Atlassian Forge event handlers.

With no file argument, reads manifest.yml in the app folder and checks every trigger (product
events) and consumer (async events) handler it names, each under its own delivery rules.
With file.ts#export arguments, checks those exports (as product-event handlers unless --trigger).

Options:
  --cwd DIR             the Forge app folder (default: the current directory)
  --trigger REGIME      for file arguments: product-event (default) or async-event
  --consumer-shape S    for async-event file arguments: function (default) or resolver
  --function-key KEY    for resolver-style consumers: the resolver.define key (default: consumer)
  --seed N              generator seed (default: FORGE_RETRY_HARNESS_SEED, else 20250101)
  --num-runs N          scenarios per handler (default: 100)
  --property ID         check only this property (repeatable, or comma-separated)
  --skip ID             do not check this property (repeatable, or comma-separated)
  --exhaustive          walk every fault schedule of the small scope instead of sampling
  --path P              replay the one scenario of a report's replay path (with its --seed)
  --event FILE          a JSON event (a queue body for consumers) every handler receives
  --config FILE         per-module options (default: forge-retry-harness.config.{ts,js,json}
                        beside manifest.yml): event, upstream, rules, settings, ...
  --json                print machine-readable results instead of text
  --verbose             show the handler's console output of each reported failure in its report
  --junit FILE          also write JUnit XML (one testsuite per handler, one testcase per property)
  --no-fail             exit 0 even when handlers have findings (for demos and reports)
  --strict              exit 1 when a handler is inconclusive (?: nothing was judged) too
  --strict-assumptions  fail on findings that hold only under some undocumented rules (⚠ warnings)
  --workers N           check handlers in N processes (default: one per CPU; 1: this process only)
  --shard I/N           check only slice I of N fixed slices of the handlers (CI matrix; see merge)
  --split-walks         with --shard: every job plays slice I of each handler's exhaustive walk
                        (for a walk too long for one job), sampled handlers are still split
  --sarif FILE          also write SARIF 2.1.0 (GitHub code scanning): one result per failure
  --markdown FILE       also write Markdown: a table per handler, a Mermaid timeline per failure
                        (appended to $GITHUB_STEP_SUMMARY as well when that variable is set)
  -h, --help            print this help
  -v, --version         print the version

merge: joins the --json outputs of --shard runs into the report of the unsharded run (stdout).

Properties (ids for --property and --skip):
${propertyLines()}

Exit codes: 0 no handler failed (⚠ warnings and ? inconclusive pass unless
--strict-assumptions / --strict), 1 findings, 2 usage or load error (the message says what to fix).
`;

const integer = (flag: string, raw: string | undefined, min: number, example = `${flag} 200`): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min) {
    usage(
      `${flag} is ${describeInput(raw)}`,
      min > 0 ? `pass a whole number of at least ${min}, e.g. ${example}` : `pass a whole number, e.g. ${flag} 42 (copy it from a report to replay)`,
    );
  }
  return n;
};

const propertyIds = (flag: string, raw: readonly string[] | undefined): PropertyId[] | undefined => {
  if (raw === undefined) return undefined;
  const ids = raw
    .flatMap((r) => r.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of ids) if (!isPropertyId(id)) usage(`unknown property id ${describeInput(id)} in ${flag}`, `use one of: ${PROPERTY_IDS.join(', ')}`);
  return ids as PropertyId[];
};

const fileReference = (cwd: string, arg: string): FileReference => {
  const hash = arg.lastIndexOf('#');
  const file = hash === -1 ? arg : arg.slice(0, hash);
  const exportName = hash === -1 ? undefined : arg.slice(hash + 1);
  if (file === '' || exportName === '')
    usage(`argument ${describeInput(arg)} is not file.ts#export`, 'name a file and its exported handler, e.g. src/index.ts#run');
  return { reference: arg, path: isAbsolute(file) ? file : resolve(cwd, file), exportName };
};

const replayPathArg = (raw: string): string => {
  if (readReplayPath(raw) === undefined) usage(`--path is ${describeInput(raw)}`, replayPathFix(raw));
  return raw;
};

/** Parses argv (without node and the script). @throws CliUsageError */
export const parseCliArgs = (argv: readonly string[], processCwd: string): CliArgs => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usage(thrownMessage(error), 'run forge-retry-harness --help for the options');
  }
  const v = parsed.values;
  const cwd = v.cwd === undefined ? processCwd : resolve(processCwd, v.cwd);
  const files = parsed.positionals.map((p) => fileReference(cwd, p));
  const trigger = v.trigger as Trigger | undefined;
  if (trigger !== undefined && !TRIGGERS.includes(trigger)) usage(`--trigger is ${describeInput(trigger)}`, `use one of: ${TRIGGERS.join(', ')}`);
  const consumerShape = v['consumer-shape'];
  if (consumerShape !== undefined && consumerShape !== 'function' && consumerShape !== 'resolver') {
    usage(`--consumer-shape is ${describeInput(consumerShape)}`, 'use function or resolver');
  }
  if (v.exhaustive === true && v['num-runs'] !== undefined) {
    usage(
      '--exhaustive and --num-runs were both given: an exhaustive check walks every fault schedule of the small scope, so it has no number of runs',
      'drop --num-runs (with --exhaustive), or drop --exhaustive to sample that many scenarios',
    );
  }
  if (v['split-walks'] === true && v.shard === undefined) {
    usage(
      '--split-walks was given without --shard: it splits each exhaustive walk across the jobs of a --shard matrix',
      'add --shard I/N to each job of the matrix (and merge their --json files), or drop --split-walks',
    );
  }
  if (v['split-walks'] === true && v.path !== undefined) {
    usage('--split-walks and --path were both given: a replay plays one scenario, which is not split', 'drop --split-walks (and --shard) to replay');
  }
  if (files.length > 0 && trigger !== 'async-event') {
    for (const flag of ['consumer-shape', 'function-key'] as const) {
      if (v[flag] !== undefined)
        usage(
          `--${flag} applies to async-event consumers, and these handlers are checked as product-event triggers`,
          'add --trigger async-event, or drop the flag',
        );
    }
  }
  if (files.length > 0 && v['function-key'] !== undefined && consumerShape !== 'resolver') {
    usage('--function-key applies to resolver-style consumers only', 'add --consumer-shape resolver, or drop --function-key');
  }
  if (files.length === 0) {
    for (const flag of ['trigger', 'consumer-shape', 'function-key'] as const) {
      if (v[flag] !== undefined)
        usage(`--${flag} applies to file.ts#export arguments`, 'in a Forge app folder the manifest says how each handler is called; drop the flag');
    }
  }
  return {
    help: v.help ?? false,
    version: v.version ?? false,
    cwd,
    files,
    trigger,
    consumerShape: consumerShape as 'function' | 'resolver' | undefined,
    functionKey: v['function-key'],
    seed: integer('--seed', v.seed, Number.MIN_SAFE_INTEGER),
    numRuns: integer('--num-runs', v['num-runs'], 1),
    properties: propertyIds('--property', v.property),
    skip: propertyIds('--skip', v.skip) ?? [],
    json: v.json ?? false,
    junit: v.junit === undefined ? undefined : resolve(processCwd, v.junit),
    exhaustive: v.exhaustive ?? false,
    noFail: v['no-fail'] ?? false,
    strict: v.strict ?? false,
    strictAssumptions: v['strict-assumptions'] ?? false,
    workers: integer('--workers', v.workers, 1, '--workers 2 (default: the number of CPUs)'),
    shard: v.shard === undefined ? undefined : parseShard(v.shard),
    splitWalks: v['split-walks'] ?? false,
    sarif: v.sarif === undefined ? undefined : resolve(processCwd, v.sarif),
    markdown: v.markdown === undefined ? undefined : resolve(processCwd, v.markdown),
    verbose: v.verbose ?? false,
    event: v.event === undefined ? undefined : resolve(processCwd, v.event),
    path: v.path === undefined ? undefined : replayPathArg(v.path),
    config: v.config === undefined ? undefined : resolve(processCwd, v.config),
  };
};

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      cwd: { type: 'string' },
      trigger: { type: 'string' },
      'consumer-shape': { type: 'string' },
      'function-key': { type: 'string' },
      seed: { type: 'string' },
      'num-runs': { type: 'string' },
      property: { type: 'string', multiple: true },
      skip: { type: 'string', multiple: true },
      exhaustive: { type: 'boolean' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      junit: { type: 'string' },
      'no-fail': { type: 'boolean' },
      strict: { type: 'boolean' },
      'strict-assumptions': { type: 'boolean' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      'split-walks': { type: 'boolean' },
      sarif: { type: 'string' },
      markdown: { type: 'string' },
      event: { type: 'string' },
      path: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
