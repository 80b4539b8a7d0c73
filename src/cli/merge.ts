/**
 * `forge-retry-harness merge a.json b.json ...`: joins the `--json` outputs of the jobs of a `--shard`
 * matrix into the JSON the unsharded run prints, byte for byte: each shard records where its handlers
 * stand in the full list, so merge puts them back and counts the summary again; a handler whose
 * exhaustive walk the shards split (`--split-walks`) is in every shard, each with its part, and merge
 * joins the parts into the walk's result. It refuses shards that do not make one run (a shard missing
 * or given twice, different handler lists or settings, parts of different walks).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { CliUsageError, EXIT, usage, type ExitCode, type Problem } from './errors.js';
import { joinWalkParts, partsProblem } from '../api/walk-chunks.js';
import { checkedJson, jsonBaseOf, renderJsonDocument, tallyJson, type JsonHandler, type JsonShard } from './format-json.js';
import type { OutcomeWalkPart } from './handler-outcome.js';

/** One shard's JSON, read and checked for the fields merge needs. */
interface ShardFile {
  readonly file: string;
  readonly shard: JsonShard;
  readonly handlers: readonly JsonHandler[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndexList = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => Number.isSafeInteger(n) && n >= 0);

const readShard = (file: string, cwd: string): ShardFile | Problem => {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (error) {
    return {
      what: `cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`,
      fix: 'pass the files that `forge-retry-harness --json --shard I/N > file` wrote',
    };
  }
  if (!isRecord(doc) || !Array.isArray(doc['handlers']))
    return { what: `${file} is not forge-retry-harness --json output`, fix: 'pass the files that `--json --shard I/N` wrote' };
  const shard = doc['shard'];
  if (!isRecord(shard)) return { what: `${file} is the output of a run without --shard`, fix: 'run each job with --shard I/N --json, and merge those files' };
  const { index, count, positions, plan } = shard;
  if (
    !Number.isSafeInteger(index) ||
    !Number.isSafeInteger(count) ||
    !isIndexList(positions) ||
    !Array.isArray(plan) ||
    positions.length !== doc['handlers'].length
  ) {
    return { what: `${file} has a damaged "shard" record`, fix: 'merge the files exactly as --json --shard wrote them' };
  }
  return { file, shard: shard as unknown as JsonShard, handlers: doc['handlers'] as JsonHandler[] };
};

/** Checks that the shards make one run, and puts their handlers back in the unsharded order. */
const join = (shards: readonly ShardFile[]): JsonHandler[] => {
  const [first] = shards;
  if (first === undefined) return [];
  const problems: Problem[] = [];
  const { count, plan, settings } = first.shard;
  for (const s of shards.slice(1)) {
    if (s.shard.count !== count)
      problems.push({
        what: `${s.file} is shard ${s.shard.index}/${s.shard.count}, but ${first.file} is one of ${count}`,
        fix: 'merge the shards of one matrix, all run with the same N',
      });
    else if (!isDeepStrictEqual(s.shard.plan, plan))
      problems.push({ what: `${s.file} checked another list of handlers than ${first.file}`, fix: 'run every shard on the same commit and app folder' });
    else if (!isDeepStrictEqual(s.shard.settings, settings))
      problems.push({
        what: `${s.file} ran with other settings than ${first.file} (${JSON.stringify(s.shard.settings)} vs ${JSON.stringify(settings)})`,
        fix: 'run every shard with the same --seed, --num-runs, --property, --skip, --exhaustive and --strict-assumptions',
      });
  }
  const byIndex = new Map<number, ShardFile>();
  for (const s of shards) {
    const seen = byIndex.get(s.shard.index);
    if (seen !== undefined) problems.push({ what: `shard ${s.shard.index}/${count} is given twice: ${seen.file} and ${s.file}`, fix: 'pass each shard once' });
    byIndex.set(s.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    problems.push({
      what: `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`,
      fix: 'pass the --json file of every job of the matrix',
    });
  if (problems.length > 0) throw new CliUsageError(problems);

  // Shards in index order, so that the parts of a split walk come in slice order.
  const entries: JsonHandler[][] = Array.from({ length: plan.length }, () => []);
  for (const s of [...shards].sort((a, b) => a.shard.index - b.shard.index))
    s.shard.positions.forEach((position, i) => entries[position]?.push(s.handlers[i]!));
  return entries.map((given, position) => {
    const [first] = given;
    if (first === undefined) return usage('the shards do not cover every handler of the run', 'merge the unchanged --json files of every job');
    return given.length === 1 && first.walkPart === undefined ? first : joinSplitWalk(given, plan[position] ?? first.handler);
  });
};

/**
 * The entry of a handler whose exhaustive walk was split (`--split-walks`): its parts, one from each
 * shard in slice order, joined into the unsplit walk's result. A handler every shard reports alike
 * without a part (it could not be loaded, say) is that entry.
 */
const joinSplitWalk = (given: readonly JsonHandler[], name: string): JsonHandler => {
  const first = given[0]!;
  if (given.every((h) => h.walkPart === undefined && isDeepStrictEqual(h, first))) return first;
  const parts = given.map((h) => h.walkPart);
  const problem = parts.every((p) => p !== undefined) ? partsProblem(parts.map((p) => p.record)) : 'some shards have no part of its walk';
  if (problem !== undefined || first.seed === null) {
    return usage(
      `the shards' parts of the exhaustive walk of ${name} do not make one walk: ${problem ?? 'it has no seed'}`,
      'merge the unchanged --json files of every job of one --shard I/N --split-walks matrix, run on the same commit with the same flags',
    );
  }
  const joined = joinWalkParts(parts as OutcomeWalkPart[], first.seed);
  return checkedJson(jsonBaseOf(first), first.properties, joined);
};

/**
 * Runs `merge` with its arguments (after the word `merge`): writes the joined JSON to stdout and
 * returns the exit code the unsharded run would have: 0 passed, 1 findings (0 with --no-fail), 2 when
 * a handler could not be checked.
 *
 * @example
 * await runMerge(['shard-1.json', 'shard-2.json'], io);
 */
export const runMerge = (argv: readonly string[], io: { stdout: { write(chunk: string): unknown }; cwd: string }): ExitCode => {
  let parsed: ReturnType<typeof parseMergeArgs>;
  try {
    parsed = parseMergeArgs(argv);
  } catch (error) {
    return usage(
      error instanceof Error ? error.message : String(error),
      'usage: forge-retry-harness merge [--no-fail] [--strict] shard-1.json shard-2.json ...',
    );
  }
  if (parsed.positionals.length === 0)
    usage('merge needs the --json files of the shards', 'usage: forge-retry-harness merge [--no-fail] [--strict] shard-1.json shard-2.json ...');
  const read = parsed.positionals.map((file) => readShard(file, io.cwd));
  const problems = read.filter((r): r is Problem => !('shard' in r));
  if (problems.length > 0) throw new CliUsageError(problems);
  const handlers = join(read as ShardFile[]);
  io.stdout.write(renderJsonDocument(handlers));
  const t = tallyJson(handlers);
  if (t.errors > 0) return EXIT.usage;
  if ((t.failed > 0 || (parsed.values.strict === true && t.inconclusive > 0)) && parsed.values['no-fail'] !== true) return EXIT.findings;
  return EXIT.passed;
};

const parseMergeArgs = (argv: readonly string[]) =>
  parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { 'no-fail': { type: 'boolean' }, strict: { type: 'boolean' } } });
