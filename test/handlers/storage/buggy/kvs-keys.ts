/**
 * BUGGY: survives-every-delivery must catch it (every delivery). The sync handler of
 * ../correct/kvs-keys.ts with the key layout many apps carry over from file paths and REST routes:
 * `sync/<project>/<issue>`. The service refuses `/` in a key (400 `INVALID_KEY`, docs/platform.md
 * "Key-value store"), the SDK throws ForgeKvsAPIError, and the handler rethrows what is not transient,
 * so every delivery throws and the event is lost (FUNCTION_ERR).
 */
import { recordSummary, type IssueEvent } from '../correct/kvs-keys.js';

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  const project = event?.issue?.fields?.project?.key;
  if (typeof issueKey !== 'string' || typeof project !== 'string') return { result: 'not-an-issue-event' };
  return recordSummary(event, `sync/${project}/${issueKey}`);
};

export const options = { trigger: 'product-event' } as const;
