/** Exhaustive small-scope mode: every fault schedule up to a bound instead of a sample. */
import type { ResolvedOptions } from '../api/options.js';
import type { CheckResult, ForgeHandler } from '../api/types.js';
import { HarnessUsageError } from '../api/errors.js';

/** Placeholder until the small-scope enumerator lands: refuses clearly rather than sampling quietly. */
export const runExhaustiveCheck = async (_handler: ForgeHandler, _options: ResolvedOptions): Promise<CheckResult> => {
  throw new HarnessUsageError('forge-retry-harness: exhaustive mode is not available yet\n  fix  remove `exhaustive: true`');
};
