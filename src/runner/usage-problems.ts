/** Things a handler did that the harness cannot judge: they stop the check with a clear error. */
import type { Trace } from '../../models/trace.js';
import { HarnessUsageError } from '../messages/usage-error.js';

/** The first unsupported SDK surface the trace met, as a usage error naming it, or undefined. */
export const usageProblem = (trace: Trace): HarnessUsageError | undefined => {
  for (const d of trace.deliveries) {
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
