/**
 * The one message format of the harness, for usage errors of the API and the CLI alike:
 *
 *   forge-retry-harness: <what happened>
 *     fix  <what to do>
 *
 * One function makes it, as msw's `devUtils.formatMessage` does, so every message reads the same.
 * Notices that must stay on one line (an error thrown into handler code, which a report quotes on one
 * timeline line; a report's headline) are the first line alone, from `formatMessage`.
 */

/** A thing that stops a check, and what to do about it. */
export interface Problem {
  /** What was wrong, naming the input. */
  readonly what: string;
  /** What to do instead. */
  readonly fix: string;
}

/** The prefix every message of the harness starts with. */
export const MESSAGE_PREFIX = 'forge-retry-harness:';

/**
 * One line of the harness: the prefix, then the text.
 *
 * @example
 * formatMessage('late call: __forge_fetch__ /rest/api/3/issue after delivery 1 had ended')
 * // 'forge-retry-harness: late call: __forge_fetch__ /rest/api/3/issue after delivery 1 had ended'
 */
export const formatMessage = (text: string): string => `${MESSAGE_PREFIX} ${text}`;

/**
 * Formats one or more problems, one block each.
 *
 * @example
 * formatProblems([{ what: 'option "seed" is "x"', fix: 'pass a whole number' }])
 * // 'forge-retry-harness: option "seed" is "x"\n  fix  pass a whole number'
 */
export const formatProblems = (problems: readonly Problem[]): string => problems.map((p) => `${formatMessage(p.what)}\n  fix  ${p.fix}`).join('\n');
