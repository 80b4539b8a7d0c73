/**
 * WRONG. `avi:jira:created:worklog`: exports the issue's time spent to an issue property, and on a
 * 429/5xx sleeps for Retry-After (30 s when absent) in-process before trying again. Retry-After of
 * 50 s, 120 s or an hour, inside a function with a 25 s timeout, kills the invocation
 * (bounded-invocation). Fix: return InvocationError({ retryAfter }) and let the platform wait.
 */
import { asApp, route } from '@forge/api';

interface WorklogEvent {
  readonly worklog?: { readonly issueId?: string };
  readonly issue?: { readonly key?: string };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const onWorklogCreated = async (event: WorklogEvent) => {
  const issue = event?.issue?.key ?? event?.worklog?.issueId;
  if (!issue) return;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await asApp().requestJira(route`/rest/api/3/issue/${issue}/properties/time-export`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ exportedAt: new Date().toISOString() }),
      });
      if (res.status !== 429 && res.status < 500) return;
      const wait = Number(res.headers.get('Retry-After') ?? '30');
      await sleep((Number.isFinite(wait) ? wait : 30) * 1000);
    } catch {
      await sleep(30_000);
    }
  }
  return;
};
