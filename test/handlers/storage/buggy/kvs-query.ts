/**
 * BUGGY: no-swallowed-failures must catch it (any @forge/kvs failure on a page of the scan). The
 * intake digest of ../correct/kvs-query.ts, with the paging loop written the way it often is: a page
 * that fails ends the loop (`catch { break }`), as if the list were done. A KVS 429 on a page makes the
 * handler count too few issues, write that digest and return success, while four retries were left.
 */
import { WhereConditions, kvs } from '@forge/kvs';
import { guard, runGuarded } from '../policy.js';
import type { IssueEvent } from '../correct/kvs-query.js';

const countOthers = async (prefix: string, mine: string): Promise<number> => {
  let count = 0;
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(20);
    if (cursor !== undefined) query = query.cursor(cursor);
    let page;
    try {
      page = await query.getMany();
    } catch (error) {
      console.warn('could not list more, using what we have', error);
      break;
    }
    count += page.results.filter((r) => r.key !== mine).length;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return count;
};

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  const project = event?.issue?.fields?.project?.key;
  if (typeof issueKey !== 'string' || typeof project !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    const reporter = event.issue?.fields?.reporter?.accountId ?? 'unknown';
    const inProject = `created:${project}:${issueKey}`;
    const byReporter = `reported:${reporter}:${issueKey}`;
    const others = await countOthers(`created:${project}:`, inProject);
    const reported = await countOthers(`reported:${reporter}:`, byReporter);
    const at = event.issue?.fields?.created ?? 'unknown';
    await guard('record-created', () => kvs.set(inProject, { at }));
    await guard('record-reported', () => kvs.set(byReporter, { at }));
    await guard('write-digest', () => kvs.set(`digest:${project}`, { count: others + 1, byReporter: reported + 1, last: issueKey }));
    return { result: 'recorded', count: others + 1 };
  });
};

export const options = { trigger: 'product-event' } as const;
