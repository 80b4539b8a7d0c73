/**
 * The `forge-retry-harness/vitest` entry: a handler's retry semantics as a vitest suite with one test
 * per property, so a CI report names the property that broke instead of one opaque test.
 */
import { describe, test } from 'vitest';
import { describeInput } from '../models/render-value.js';
import { PROPERTY_IDS, isPropertyId, type PropertyId } from '../properties/catalog.js';
import { assertRetrySemantics } from './api/check.js';
import { usageError } from './messages/usage-error.js';
import { resolveOptions } from './api/options.js';
import type { CheckOptions, ForgeHandler } from './api/types.js';

/** Options of `describeRetrySemantics`: the check options, plus how to register the tests. */
export interface DescribeRetrySemanticsOptions extends CheckOptions {
  /**
   * Properties the handler is known to violate. Their tests are registered with `test.fails`: they pass
   * while the bug is there and fail once it is fixed, reminding you to remove the entry.
   * @defaultValue []
   */
  readonly knownFailures?: readonly PropertyId[];
  /** Timeout of each test in milliseconds. @defaultValue vitest's `testTimeout` */
  readonly timeout?: number;
}

/**
 * Registers a `describe(name)` block with one test per property that applies to the handler's
 * regime (after `properties` and `skip`). Each test is named `<property id>: <its catalog summary>` and runs
 * `assertRetrySemantics(handler, { ...options, properties: [id] })`, so a failure shows that property's
 * report. Options are validated when the suite is collected.
 *
 * @example
 * import { describeRetrySemantics } from 'forge-retry-harness/vitest';
 * import { onIssueCreated, crmSync } from '../src/index';
 *
 * describeRetrySemantics('onIssueCreated', onIssueCreated);
 * describeRetrySemantics('crmSync', crmSync, { trigger: 'async-event', numRuns: 200 });
 * describeRetrySemantics('legacy export', legacyExport, { knownFailures: ['no-duplicate-effects'] });
 */
export const describeRetrySemantics = (name: string, handler: ForgeHandler, options: DescribeRetrySemanticsOptions = {}): void => {
  const { knownFailures = [], timeout, ...checkOptions } = options;
  const { options: resolved } = resolveOptions(handler, checkOptions);
  const checked = resolved.properties.map((p) => p.id as PropertyId);
  for (const id of knownFailures) {
    if (!isPropertyId(id)) usageError(`unknown property id ${describeInput(id)} in "knownFailures"`, `use one of: ${PROPERTY_IDS.join(', ')}`);
    if (!checked.includes(id)) usageError(`"knownFailures" names ${id}, which this suite does not check`, `use one of: ${checked.join(', ')}`);
  }
  describe(name, () => {
    for (const property of resolved.properties) {
      const register = knownFailures.includes(property.id) ? test.fails : test;
      register(`${property.id}: ${property.summary}`, () => assertRetrySemantics(handler, { ...checkOptions, properties: [property.id] }), timeout);
    }
  });
};
