/**
 * Reads a Forge app's manifest.yml and turns its event modules into check targets:
 * `modules.trigger[]` (product events) and `modules.consumer[]` (async events, function style
 * `function: key` or resolver style `resolver: { function: key, method: key }`), each mapped through
 * `modules.function[]` to the file and export that handle it. A trigger with several events is one
 * target per event; what each receives is decided later (task-input.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { usage, type Problem } from './errors.js';
import { resolveHandlerFile, splitHandler } from './handler-file.js';
import type { CheckTarget } from './target.js';

type Yaml = Record<string, unknown>;

const isRecord = (value: unknown): value is Yaml => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Reads and parses `dir/manifest.yml`. */
export const readManifest = (dir: string): Yaml => {
  if (!existsSync(dir)) usage(`the folder ${dir} does not exist`, 'pass --cwd the path of a Forge app folder (the one holding manifest.yml)');
  const path = join(dir, 'manifest.yml');
  if (!existsSync(path)) usage(`no manifest.yml in ${dir}`, 'run in a Forge app folder (or pass --cwd DIR), or pass file.ts#export');
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [headline = '', ...snippet] = error.message.split('\n');
      const excerpt = snippet
        .filter((l) => l.trim() !== '')
        .map((l) => `\n    ${l}`)
        .join('');
      return usage(`manifest.yml is not valid YAML: ${headline.replace(/:$/, '')}${excerpt}`, `correct ${path} at that line`);
    }
    throw error;
  }
  if (!isRecord(doc)) return usage(`manifest.yml in ${dir} is not a YAML mapping`, 'a Forge manifest starts with `modules:` and `app:`');
  return doc;
};

/**
 * The event names of a trigger's `events:`, in both forms the manifest schema of @forge/manifest
 * admits: a list of names (`- avi:jira:updated:issue`), or a list of filtered events
 * (`- eventType: avi:jira:updated:issue` with `filter:`). An entry of neither form is a problem.
 */
const eventTypesOf = (value: unknown, context: string, problems: Problem[]): string[] => {
  const names: string[] = [];
  for (const [i, entry] of list(value).entries()) {
    const name = isRecord(entry) ? text(entry['eventType']) : text(entry);
    if (name !== undefined) names.push(name);
    else
      problems.push({
        what: `${context}: events[${i}] is neither an event name nor { eventType: <name> }`,
        fix: 'write each entry as `- avi:jira:updated:issue`, or as `- eventType: avi:jira:updated:issue` with its `filter:`',
      });
  }
  if (names.length === 0 && list(value).length === 0)
    problems.push({ what: `${context} lists no \`events\``, fix: 'add the product events it subscribes to, e.g. `events: [avi:jira:updated:issue]`' });
  return [...new Set(names)];
};

interface FunctionEntry {
  readonly handler: string;
  /** The function's `timeoutSeconds`, which raises an async consumer's 55 s default (up to 900). */
  readonly timeoutSeconds: number | undefined;
}

const timeoutOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 900 ? value : undefined;

/** A trigger's function runs with 25 s whatever `timeoutSeconds` says (it does not apply to triggers). */
const TRIGGER_TIMEOUT_SECONDS = 25;
/** A consumer's default when its function names no `timeoutSeconds`. */
const CONSUMER_DEFAULT_TIMEOUT_SECONDS = 55;

/**
 * The timeout each consumer's function runs with, when it differs from the default: a function used by
 * several modules gets the lowest of their timeouts, and `timeoutSeconds` does not apply to triggers
 * (docs/platform.md "Function timeouts"), so a consumer sharing its function with a trigger has 25 s.
 */
const sharedTimeouts = (modules: Yaml, functions: ReadonlyMap<string, FunctionEntry>): Map<string, number> => {
  const uses = new Map<string, number[]>();
  const use = (key: string | undefined, seconds: number): void => {
    if (key !== undefined) uses.set(key, [...(uses.get(key) ?? []), seconds]);
  };
  for (const t of list(modules['trigger'])) if (isRecord(t)) use(text(t['function']), TRIGGER_TIMEOUT_SECONDS);
  for (const c of list(modules['consumer'])) {
    if (!isRecord(c)) continue;
    const key = text(isRecord(c['resolver']) ? c['resolver']['function'] : undefined) ?? text(c['function']);
    use(key, key === undefined ? CONSUMER_DEFAULT_TIMEOUT_SECONDS : (functions.get(key)?.timeoutSeconds ?? CONSUMER_DEFAULT_TIMEOUT_SECONDS));
  }
  const lowest = new Map<string, number>();
  for (const [key, seconds] of uses) {
    const own = functions.get(key)?.timeoutSeconds;
    const min = Math.min(...seconds);
    if (own !== undefined || min !== CONSUMER_DEFAULT_TIMEOUT_SECONDS) lowest.set(key, min);
  }
  return lowest;
};

/** Finds every trigger and consumer in the manifest and resolves each to a file and export. */
export const manifestTargets = (dir: string, manifest: Yaml): { targets: CheckTarget[]; problems: Problem[] } => {
  const modules = manifest['modules'];
  if (!isRecord(modules))
    return { targets: [], problems: [{ what: `manifest.yml in ${dir} has no \`modules\``, fix: 'add the trigger and consumer modules to check' }] };
  const functions = new Map<string, FunctionEntry>();
  for (const f of list(modules['function'])) {
    if (isRecord(f) && text(f['key']) !== undefined && text(f['handler']) !== undefined)
      functions.set(f['key'] as string, { handler: f['handler'] as string, timeoutSeconds: timeoutOf(f['timeoutSeconds']) });
  }
  const targets: CheckTarget[] = [];
  const problems: Problem[] = [];
  const shared = sharedTimeouts(modules, functions);

  const locate = (
    kind: string,
    moduleKey: string,
    functionKey: string | undefined,
  ): { handler: string; file: string; exportName: string; timeoutSeconds: number | undefined } | undefined => {
    const context = `${kind} "${moduleKey}"`;
    if (functionKey === undefined) {
      problems.push({
        what: `${context} names no function`,
        fix: kind === 'consumer' ? 'give it `resolver: { function: <key>, method: <key> }` or `function: <key>`' : 'give it `function: <key>`',
      });
      return undefined;
    }
    const entry = functions.get(functionKey);
    if (entry === undefined) {
      const keys = [...functions.keys()];
      problems.push({
        what: `${context} uses function "${functionKey}", which modules.function does not define (its keys: ${keys.length === 0 ? '(none)' : keys.join(', ')})`,
        fix: `add \`- key: ${functionKey}\` with a \`handler: <file>.<export>\` to modules.function, or correct the key`,
      });
      return undefined;
    }
    const split = splitHandler(entry.handler);
    if (split === undefined) {
      problems.push({
        what: `function "${functionKey}" has handler "${entry.handler}", not <file>.<export>`,
        fix: 'write it as Forge expects, e.g. `handler: index.run`',
      });
      return undefined;
    }
    const file = resolveHandlerFile(dir, split.file, `${context}, function "${functionKey}" (handler ${entry.handler})`);
    if (typeof file !== 'string') {
      problems.push(file);
      return undefined;
    }
    return { handler: entry.handler, file, exportName: split.exportName, timeoutSeconds: entry.timeoutSeconds };
  };

  for (const t of list(modules['trigger'])) {
    if (!isRecord(t)) continue;
    const moduleKey = text(t['key']) ?? '(no key)';
    if (t['function'] === undefined && t['endpoint'] !== undefined) continue; // Forge remote: runs outside Forge, nothing to load
    const eventTypes = eventTypesOf(t['events'], `trigger "${moduleKey}"`, problems);
    const functionKey = text(t['function']);
    const found = locate('trigger', moduleKey, functionKey);
    if (found === undefined || functionKey === undefined) continue;
    // One target per event: a handler subscribed to issue updates and comments gets each payload.
    for (const eventType of eventTypes) {
      targets.push({
        source: { kind: 'trigger', module: moduleKey, functionKey, handler: found.handler, eventType },
        file: found.file,
        exportName: found.exportName,
        options: { trigger: 'product-event' },
      });
    }
  }

  for (const c of list(modules['consumer'])) {
    if (!isRecord(c)) continue;
    const moduleKey = text(c['key']) ?? '(no key)';
    const resolver = isRecord(c['resolver']) ? c['resolver'] : undefined;
    const functionKey = text(resolver?.['function']) ?? text(c['function']);
    const method = text(resolver?.['method']);
    if (resolver !== undefined && method === undefined) {
      problems.push({
        what: `consumer "${moduleKey}" has a resolver without a method`,
        fix: 'add `method: <key>`, the key the consumer passes to resolver.define',
      });
      continue;
    }
    const found = locate('consumer', moduleKey, functionKey);
    if (found === undefined || functionKey === undefined) continue;
    const lowest = shared.get(functionKey);
    const timeout = lowest === undefined ? {} : { timeoutSeconds: lowest };
    targets.push({
      source: { kind: 'consumer', module: moduleKey, functionKey, handler: found.handler, queue: text(c['queue']), method },
      file: found.file,
      exportName: found.exportName,
      options:
        method === undefined
          ? { trigger: 'async-event', consumerShape: 'function', ...timeout }
          : { trigger: 'async-event', consumerShape: 'resolver', functionKey: method, ...timeout },
    });
  }

  if (targets.length === 0 && problems.length === 0) {
    problems.push({
      what: `manifest.yml in ${dir} has no trigger or consumer modules with a function`,
      fix: 'add a `trigger` (product events) or `consumer` (async events) module, or pass file.ts#export',
    });
  }
  return { targets, problems };
};
