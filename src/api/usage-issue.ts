/**
 * Turns the first problem valibot found in the options into the harness's usage error: `what` names the
 * option (or rule, or setting) and the value given, `fix` is the schema's own message, which says what
 * to pass instead.
 */
import type * as v from 'valibot';
import { describeInput } from '../../models/render-value.js';
import type { Problem } from '../messages/format.js';
import { usageError } from '../messages/usage-error.js';

/** Options whose keys are named by a noun of their own when unknown: `unknown rule "x" in "rules"`. */
const MEMBER_NOUNS: Readonly<Record<string, string>> = { rules: 'rule', settings: 'setting' };
/** Options whose elements are named by a noun of their own: `unknown property id "x" in "skip"`. */
const ELEMENT_NOUNS: Readonly<Record<string, string>> = { properties: 'property id', skip: 'property id' };

type Key = string | number;

/** `settings.readOnlyPaths[0]`. */
const dotted = (keys: readonly Key[]): string => keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** What a path names: `options`, `option "numRuns"`, `rule "platformBackoff.factor"`. */
const subjectOf = (keys: readonly Key[]): string => {
  const [head, ...rest] = keys;
  if (head === undefined) return 'options';
  return head === 'rules' && rest.length > 0 ? `rule "${dotted(rest)}"` : `option "${dotted(keys)}"`;
};

const unknownKey = (parents: readonly Key[], key: Key): string => {
  const [parent] = parents;
  if (parent === undefined) return `unknown option "${key}"`;
  const noun = parents.length === 1 ? MEMBER_NOUNS[parent] : undefined;
  return noun !== undefined ? `unknown ${noun} "${key}" in "${parent}"` : `unknown field "${key}" in ${subjectOf(parents)}`;
};

const whatOf = (issue: v.BaseIssue<unknown>): string => {
  const path = issue.path ?? [];
  const keys = path.map((item) => item.key as Key);
  const last = path.at(-1);
  if (last?.origin === 'key') {
    // An unknown key expects `never`; a missing required one expects its own name.
    return issue.expected === 'never' ? unknownKey(keys.slice(0, -1), last.key as Key) : `${subjectOf(keys)} is missing`;
  }
  const [head] = keys;
  const elementNoun = keys.length === 2 && last?.type === 'array' && head !== undefined ? ELEMENT_NOUNS[head] : undefined;
  if (elementNoun !== undefined) return `unknown ${elementNoun} ${describeInput(issue.input)} in "${head}"`;
  return `${subjectOf(keys)} is ${describeInput(issue.input)}`;
};

/**
 * Throws the usage error of a schema issue.
 *
 * @example
 * const result = v.safeParse(OPTIONS_SCHEMA, options);
 * if (!result.success) throwUsageIssue(result.issues[0]);
 */
export const throwUsageIssue = (issue: v.BaseIssue<unknown>): never => usageError(whatOf(issue), issue.message);

/**
 * The problem of a schema issue, for callers that name where the options came from (the CLI's
 * config file) before what was wrong.
 *
 * @example
 * const result = v.safeParse(OPTIONS_SCHEMA, { numRuns: 0 });
 * if (!result.success) issueProblem(result.issues[0]); // { what: 'option "numRuns" is 0', fix: 'pass a whole number ...' }
 */
export const issueProblem = (issue: v.BaseIssue<unknown>): Problem => ({ what: whatOf(issue), fix: issue.message });
