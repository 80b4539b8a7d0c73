/**
 * Check targets from `file.ts#export` arguments. A path without an extension is tried with the ones
 * Forge resolves; the regime and consumer shape come from the flags, since there is no manifest.
 */
import { relative } from 'node:path';
import type { CliArgs } from './args.js';
import type { Problem } from './errors.js';
import { HANDLER_EXTENSIONS, isFile } from './handler-file.js';
import type { CheckTarget } from './target.js';

/** One target per file argument, or the problem of each argument whose file is missing. */
export const fileTargets = (args: CliArgs): { targets: CheckTarget[]; problems: Problem[] } => {
  const targets: CheckTarget[] = [];
  const problems: Problem[] = [];
  const trigger = args.trigger ?? 'product-event';
  for (const ref of args.files) {
    const tried = [ref.path, ...HANDLER_EXTENSIONS.map((ext) => ref.path + ext)];
    const file = tried.find(isFile);
    if (file === undefined) {
      problems.push({
        what: `no file for ${ref.reference}; tried ${tried.map((p) => relative(args.cwd, p) || p).join(', ')}`,
        fix: 'check the path (relative to --cwd, else to the current directory)',
      });
      continue;
    }
    targets.push({
      source: { kind: 'file', reference: ref.reference },
      file,
      exportName: ref.exportName,
      options:
        trigger === 'async-event'
          ? { trigger, consumerShape: args.consumerShape ?? 'function', ...(args.functionKey !== undefined ? { functionKey: args.functionKey } : {}) }
          : { trigger },
    });
  }
  return { targets, problems };
};
