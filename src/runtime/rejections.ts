/**
 * Unhandled rejections and uncaught exceptions raised by handler code during a check are findings
 * about the handler, not crashes of the test process. For the length of a check the process's own
 * listeners (e.g. vitest's, which would fail the test) are set aside and ours record an issue on
 * the invocation the check is running, or ran last.
 */
import { describeThrown } from '../../models/render-value.js';
import type { RuntimeIssue } from '../../models/trace.js';
import { formatMessage } from '../messages/format.js';
import type { Invocation } from './invocation.js';
import type { Restore } from './swap.js';

const EVENTS = ['unhandledRejection', 'uncaughtException'] as const;

/**
 * Captures both events and sends each to `target()` (the invocation to blame; none means dropped with
 * a warning on stderr). Returns how to restore the previous listeners.
 *
 * @example
 * const restore = captureRejections(() => session.lastInvocation);
 */
export const captureRejections = (target: () => Invocation | undefined): Restore => {
  const saved = EVENTS.map((event) => [event, process.listeners(event as 'unhandledRejection') as ((...args: unknown[]) => void)[]] as const);
  const record = (prefix: string) => (reason: unknown) => {
    const inv = target();
    const issue: RuntimeIssue = { kind: 'unhandled-rejection', detail: `${prefix}${describeThrown(reason)}` };
    if (inv !== undefined && !inv.sealed) inv.issues.push(issue);
    else process.stderr.write(`${formatMessage(`${issue.detail} (outside any invocation)`)}\n`);
  };
  const onRejection = record('');
  const onException = record('uncaught exception: ');
  for (const event of EVENTS) process.removeAllListeners(event);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    for (const [event, listeners] of saved) {
      for (const listener of listeners) process.on(event as 'unhandledRejection', listener);
    }
  };
};
