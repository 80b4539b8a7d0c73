/**
 * The app's config file, `forge-retry-harness.config.{ts,js,json}` beside manifest.yml (or `--config
 * FILE`): the options of each manifest module, keyed by module key, and `defaults` for every module.
 * An entry accepts exactly what the API's options accept (it is validated with the same schema,
 * OPTIONS_SCHEMA), plus `eventType` where the API does not take it yet; `trigger` is the manifest's
 * to say. A consumer's `event` is its queue body.
 *
 * Every problem names the file, the module key and the option, and is reported before any check runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import { describeInput, thrownMessage } from '../../models/render-value.js';
import { OPTION_KEYS, OPTIONS_SCHEMA } from '../api/options-schema.js';
import type { CheckOptions } from '../api/types.js';
import { issueProblem } from '../api/usage-issue.js';
import { payloadFamilyOf } from '../payloads/event-payloads.js';
import type { Problem } from './errors.js';
import { importModule } from './handler-file.js';

/** The file name the CLI looks for, before its extension. */
export const CONFIG_BASENAME = 'forge-retry-harness.config';

/** The extensions tried beside manifest.yml, in this order. */
export const CONFIG_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] as const;

/** One module's options in the config file. */
export type ModuleConfig = Omit<CheckOptions, 'trigger'> & {
  /** Which payload generator feeds the handler (for file targets, or to override the manifest's event). */
  readonly eventType?: string;
};

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
/** Keys the config takes that the API options do not (yet): handled by the CLI itself. */
const CLI_KEYS = ['eventType'].filter((k) => !(OPTION_KEYS as readonly string[]).includes(k));

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
    } else if (CLI_KEYS.includes(key)) {
      if (typeof value !== 'string' || payloadFamilyOf(value) === undefined)
        problems.push({
          what: `${where}: option "eventType" is ${describeInput(value)}, an event no payload generator knows`,
          fix: 'use a Forge event name, e.g. "avi:jira:updated:issue" (the list is PAYLOAD_FAMILIES, src/payloads/catalog.ts), or pass the payload as "event"',
        });
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
    const merged = isRecord(raw['defaults']) && isRecord(entry) ? { ...raw['defaults'], ...entry } : entry;
    problems.push(...entryProblems(merged, `${display}: ${entryName(key)}`, moduleKeys !== undefined));
  }
  if (problems.length > 0) throw problems;
  return { file, display, config: raw as ForgeRetryHarnessConfig };
};

/** The options of one module: `defaults`, then its own entry (undefined for file targets). */
export const moduleConfig = (config: ForgeRetryHarnessConfig, moduleKey: string | undefined): ModuleConfig => ({
  ...config.defaults,
  ...(moduleKey === undefined ? {} : config.modules?.[moduleKey]),
});

/** Splits a module's config into the API options and the CLI's own keys. */
export const splitModuleConfig = (entry: ModuleConfig): { options: CheckOptions; eventType: string | undefined } => {
  const options: Record<string, unknown> = {};
  let eventType: string | undefined;
  for (const [key, value] of Object.entries(entry)) {
    if (CLI_KEYS.includes(key)) eventType = value as string;
    else options[key] = value;
  }
  return { options: options as CheckOptions, eventType };
};
