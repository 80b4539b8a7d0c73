/**
 * CORRECT (product event, avi:jira:created:issue): an intake digest in the shape of the template and
 * subscription stores public Forge apps keep in KVS under a key prefix. It pages through the
 * project's `created:<project>:` keys and the reporter's `reported:<account>:` keys with
 * `kvs.query().where('key', beginsWith(...))` and its cursors, records the new issue under both, and
 * writes the digest.
 *
 * Why it passes every property:
 * - every KVS call goes through the shared policy, so a failed page is a retry of the whole scan
 *   (reading is idempotent; cursors are not persisted, as the docs advise), never the end of the list;
 * - both writes are `kvs.set` of a value computed from the store, so a redelivery writes the same;
 * - on the last retry it gives up without asking again, and it never throws.
 */
import { WhereConditions, kvs } from '@forge/kvs';
import { guard, runGuarded, type RetryContext } from '../policy.js';

/** The part of the event this handler reads. */
export interface IssueEvent {
  readonly issue?: {
    readonly key?: string;
    readonly fields?: { readonly project?: { readonly key?: string }; readonly reporter?: { readonly accountId?: string }; readonly created?: string };
  };
  readonly retryContext?: RetryContext;
}

const countOthers = async (prefix: string, mine: string): Promise<number> => {
  let count = 0;
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(20);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await guard('list-created', () => query.getMany<{ at?: string }>());
    count += page.results.filter((r) => r.key !== mine).length;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return count;
};

/** The trigger function. */
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
