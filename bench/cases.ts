/**
 * Every handler the bench checks, in one place: the reference handlers, the corpus of test/handlers
 * (CORRECT, BUGGY, BUGGY_RARE) and the example app, each with the options its tests use.
 */
import type { CheckOptions, ForgeHandler, PropertyId } from '../src/index.js';
import { BUGGY, BUGGY_RARE, CORRECT, type BuggyCase } from '../test/handlers/index.js';
import { crmSync, lookupReporter, onIssueAssigned, onIssueCreated, onIssueUpdated, onWorklogCreated } from '../examples/forge-app/src/index.js';
import { REFERENCE_HANDLERS } from './reference-handlers.js';

/** Where a handler comes from. */
export type Group = 'reference' | 'corpus' | 'rare' | 'example';

/** A handler and the options its check uses. */
export interface BenchCase {
  readonly group: Group;
  readonly name: string;
  readonly handler: ForgeHandler;
  readonly options: CheckOptions;
}

/** A handler with a known bug and the property that must catch it. */
export interface BuggyBenchCase extends BenchCase {
  readonly property: PropertyId;
}

export const REFERENCE_CASES: readonly BenchCase[] = REFERENCE_HANDLERS.map((r) => ({ group: 'reference', name: r.name, handler: r.handler, options: {} }));

/** Correct handlers: the corpus, then the example app's (with the options of its one-line tests). */
export const CORRECT_CASES: readonly BenchCase[] = [
  ...CORRECT.map((c): BenchCase => ({ group: 'corpus', name: c.name, handler: c.handler, options: c.options })),
  { group: 'example', name: 'example onIssueCreated', handler: onIssueCreated, options: {} },
  { group: 'example', name: 'example crmSync (async)', handler: crmSync, options: { trigger: 'async-event' } },
];

/**
 * A corpus case's options as the bench checks it. A bug that rests on an assumed rule (`restsOn`) is by
 * default only a warning, and the check passes; its tests judge it with `strictAssumptions: true`, and so
 * does the bench, so that it counts as found and a passing verdict is a real surprise.
 */
const benchOptions = (c: BuggyCase): CheckOptions => (c.restsOn === undefined ? c.options : { ...c.options, strictAssumptions: true });

export const BUGGY_CASES: readonly BuggyBenchCase[] = BUGGY.map((c) => ({
  group: 'corpus',
  name: c.name,
  handler: c.handler,
  options: benchOptions(c),
  property: c.property,
}));

export const RARE_CASES: readonly BuggyBenchCase[] = BUGGY_RARE.map((c) => ({
  group: 'rare',
  name: c.name,
  handler: c.handler,
  options: benchOptions(c),
  property: c.property,
}));

/** The example app's wrong handlers (examples/forge-app/README.md), by the property its table names first. */
export const EXAMPLE_BUGGY_CASES: readonly BuggyBenchCase[] = [
  { group: 'example', name: 'example lookupReporter', handler: lookupReporter, options: {}, property: 'retry-after-valid' },
  { group: 'example', name: 'example onIssueUpdated', handler: onIssueUpdated, options: {}, property: 'no-duplicate-effects' },
  { group: 'example', name: 'example onIssueAssigned', handler: onIssueAssigned, options: {}, property: 'no-swallowed-failures' },
  { group: 'example', name: 'example onWorklogCreated', handler: onWorklogCreated, options: {}, property: 'bounded-invocation' },
];
