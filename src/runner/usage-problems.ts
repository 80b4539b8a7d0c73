/** Things a handler did that the harness cannot judge: they stop the check with a clear error. */
import type { Trace } from '../../models/trace.js';
import { HarnessUsageError } from '../messages/usage-error.js';

/** What @forge/resolver 2.0.1 throws when `functionKey` has no `resolver.define` (`getFunction`). */
const NO_DEFINITION = /^Resolver has no definition for '([\s\S]*)'\.$/;

const missingDefinition = (error: unknown): string | undefined => {
  try {
    if (!(error instanceof Error)) return undefined;
    return NO_DEFINITION.exec(error.message)?.[1];
  } catch {
    return undefined;
  }
};

/**
 * The first thing in the trace the harness cannot judge, as a usage error naming it, or undefined: an
 * unsupported SDK surface, or a resolver consumer asked for a key it never defined (the manifest's
 * `method`, or `functionKey`, with no `resolver.define`), which would otherwise pass as a thrown
 * consumer that the platform retries.
 */
export const usageProblem = (trace: Trace): HarnessUsageError | undefined => {
  for (const d of trace.deliveries) {
    const key = trace.regime === 'resolver-consumer' && d.outcome.kind === 'thrown' ? missingDefinition(d.outcome.error) : undefined;
    if (key !== undefined) {
      return new HarnessUsageError({
        what: `the resolver consumer has no definition for '${key}': @forge/resolver threw "Resolver has no definition for '${key}'." before any handler code ran`,
        fix: `define it (resolver.define('${key}', handler)), or set the manifest's resolver \`method\` (the \`functionKey\` option) to a key the resolver defines`,
      });
    }
    const issue = d.issues.find((i) => i.kind === 'unsupported-surface');
    if (issue !== undefined && issue.kind === 'unsupported-surface') {
      if (issue.fix !== undefined)
        return new HarnessUsageError({ what: `the harness cannot play the handler's ${issue.surface} call: ${issue.detail}.`, fix: issue.fix });
      return new HarnessUsageError({
        what: `the handler called ${issue.surface}, which the harness does not simulate (${issue.detail}).`,
        fix: 'check this handler without that call (inject it), or skip it: the harness cannot judge what it cannot play',
      });
    }
  }
  return undefined;
};
