/**
 * The app's config file, `forge-retry-harness.config.{ts,js,json}` beside manifest.yml (or `--config
 * FILE`): the options of each manifest module, keyed by module key, and `defaults` for every module.
 * An entry accepts exactly what the API's options accept (it is validated with the same schema,
 * OPTIONS_SCHEMA); `trigger` is the manifest's to say. A consumer's `event` is its queue body. `storage`,
 * `jira` and `confluence` seed what a handler reads before it acts (a configuration-gated path), for
 * every module (`defaults`) or one.
 *
 * Every problem names the file, the module key and the option, and is reported before any check runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import { describeInput, thrownMessage } from '../../models/render-value.js';
import { OPTIONS_SCHEMA } from '../api/options-schema.js';
import type { CheckOptions } from '../api/types.js';
import { issueProblem } from '../api/usage-issue.js';
import type { Problem } from './errors.js';
import { importModule } from './handler-file.js';

/** The file name the CLI looks for, before its extension. */
export const CONFIG_BASENAME = 'forge-retry-harness.config';

/** The extensions tried beside manifest.yml, in this order. */
export const CONFIG_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] as const;

/** One module's options in the config file: the API's, but `trigger` (the manifest says it). */
export type ModuleConfig = Omit<CheckOptions, 'trigger'>;

/**
 * What a config file exports (as `export default`, `module.exports` or JSON).
 *
 * @example
 * // forge-retry-harness.config.ts
 * export default {
 *   defaults: { numRuns: 200 },
 *   modules: { 'crm-sync-consumer': { event: { issueKey: 'SUP-42', action: 'sync-to-crm' } } },
 * } satisfies ForgeRetryHarnessConfig;
 */
export interface ForgeRetryHarnessConfig {
  /** Options for every module. */
  readonly defaults?: ModuleConfig;
  /** Options of each module, by its manifest key; they win over `defaults`. */
  readonly modules?: Readonly<Record<string, ModuleConfig>>;
}

/** A config file found and read. */
export interface LoadedConfig {
  /** Absolute path. */
  readonly file: string;
  /** As messages name it (relative to the app folder). */
  readonly display: string;
  readonly config: ForgeRetryHarnessConfig;
}

const TOP_KEYS = ['defaults', 'modules'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The config file of `appDir`, or `--config FILE`; undefined when there is none. */
export const findConfig = (appDir: string, explicit: string | undefined): string | Problem | undefined => {
  if (explicit !== undefined) {
    return existsSync(explicit) ? explicit : { what: `--config ${explicit}: no such file`, fix: 'pass the path of a forge-retry-harness.config.{ts,js,json}' };
  }
  return CONFIG_EXTENSIONS.map((ext) => join(appDir, CONFIG_BASENAME + ext)).find(existsSync);
};

const readRaw = async (file: string, display: string): Promise<unknown> => {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw [{ what: `${display} is not valid JSON: ${thrownMessage(error)}`, fix: `correct ${display}, or write it as ${CONFIG_BASENAME}.ts` }];
    }
  }
  const mod = await importModule(file, display);
  if ('problem' in mod) throw [mod.problem];
  const value = mod.module as { default?: unknown } | null;
  return isRecord(value) && 'default' in value ? value.default : value;
};

/** Where an entry sits, for messages: `modules["crm-sync-consumer"]`. */
const entryName = (key: string | undefined): string => (key === undefined ? 'defaults' : `modules[${JSON.stringify(key)}]`);

const entryProblems = (entry: unknown, where: string, regimeFixed: boolean): Problem[] => {
  if (!isRecord(entry)) return [{ what: `${where} is ${describeInput(entry)}`, fix: 'pass an object of options, e.g. { "numRuns": 200 }' }];
  const problems: Problem[] = [];
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'trigger' && regimeFixed) {
      problems.push({ what: `${where}: option "trigger" is set`, fix: 'drop it: the manifest says whether a module is a trigger or a consumer' });
    } else if (key === 'module') {
      problems.push({ what: `${where}: option "module" is set`, fix: "drop it: the CLI loads fresh instances of the manifest's handler file itself" });
    } else options[key] = value;
  }
  const parsed = v.safeParse(OPTIONS_SCHEMA, options);
  if (!parsed.success) {
    const problem = issueProblem(parsed.issues[0]);
    problems.push({ what: `${where}: ${problem.what}`, fix: problem.fix });
  }
  return problems;
};

/**
 * Reads and validates a config file. `moduleKeys` are the manifest's (undefined for file arguments,
 * where only `defaults` applies): a key the manifest does not have is a problem, since a misspelt key
 * would otherwise be ignored.
 *
 * @throws Problem[] naming the file, the module key and the option.
 */
export const loadConfig = async (file: string, appDir: string, moduleKeys: readonly string[] | undefined): Promise<LoadedConfig> => {
  const display = relative(appDir, file) || file;
  const raw = await readRaw(file, display);
  const shape = `export { defaults: { ...options }, modules: { "<module key>": { ...options } } }`;
  if (!isRecord(raw)) throw [{ what: `${display} exports ${describeInput(raw)}, not an object`, fix: shape }];
  const problems: Problem[] = [];
  for (const key of Object.keys(raw)) {
    if (!(TOP_KEYS as readonly string[]).includes(key))
      problems.push({ what: `${display}: unknown key ${JSON.stringify(key)}`, fix: `use ${TOP_KEYS.join(' and ')}: ${shape}` });
  }
  if (raw['defaults'] !== undefined) problems.push(...entryProblems(raw['defaults'], `${display}: defaults`, true));
  const modules = raw['modules'];
  if (modules !== undefined && !isRecord(modules)) problems.push({ what: `${display}: modules is ${describeInput(modules)}`, fix: shape });
  for (const [key, entry] of Object.entries(isRecord(modules) ? modules : {})) {
    if (moduleKeys !== undefined && !moduleKeys.includes(key)) {
      problems.push({
        what: `${display}: ${entryName(key)} names no trigger or consumer of manifest.yml`,
        fix: `use one of its module keys: ${moduleKeys.join(', ')}`,
      });
      continue;
    }
    const merged = isRecord(raw['defaults']) && isRecord(entry) ? overDefaults(raw['defaults'], entry) : entry;
    problems.push(...entryProblems(merged, `${display}: ${entryName(key)}`, moduleKeys !== undefined));
  }
  if (problems.length > 0) throw problems;
  return { file, display, config: raw as ForgeRetryHarnessConfig };
};

/**
 * A module's entry over `defaults`. Storage seeds add up member by member (a module's keys join the
 * defaults' keys, one of its own wins), so app-wide configuration can sit in `defaults` beside a
 * module's own keys; every other option, `jira` and `confluence` included, is replaced whole.
 */
const overDefaults = <T extends Record<string, unknown>>(defaults: T | undefined, entry: T | undefined): T => {
  const merged = { ...defaults, ...entry } as Record<string, unknown>;
  const [d, e] = [defaults?.['storage'], entry?.['storage']];
  if (isRecord(d) && isRecord(e)) {
    const entities = isRecord(d['entities']) && isRecord(e['entities']) ? { entities: { ...d['entities'], ...e['entities'] } } : {};
    const members = Object.fromEntries(
      (['keys', 'secrets'] as const).filter((m) => isRecord(d[m]) && isRecord(e[m])).map((m) => [m, { ...(d[m] as object), ...(e[m] as object) }]),
    );
    merged['storage'] = { ...d, ...e, ...members, ...entities };
  }
  return merged as T;
};

/** The options of one module: `defaults`, then its own entry (undefined for file targets). */
export const moduleConfig = (config: ForgeRetryHarnessConfig, moduleKey: string | undefined): ModuleConfig =>
  overDefaults<ModuleConfig>(config.defaults, moduleKey === undefined ? undefined : config.modules?.[moduleKey]);
