/**
 * Issue 10, "also": 401/403 right after install. Atlassian's life-cycle page: while an app is installed,
 * its account is granted permissions "eventually consistent", the installed event "may be sent before the
 * app is granted the permissions needed to call certain APIs using .asApp()", on large sites for minutes;
 * code defensively (docs/platform.md#life-cycle-events). The refusal lifts by itself, so a retry is the fix.
 *
 * BUGGY `setupSkipsOnForbidden` (avi:forge:installed:app): writes the app's default settings to a Forge
 * app property. It retries 429s and 5xx properly, but takes a 401/403 for "this site does not let us"
 * and returns after a warning: the event completes, is never redelivered, and the app is left without
 * its settings on that site. no-swallowed-failures must catch it.
 *
 * CORRECT `setupRetriesWhileForbidden` (avi:forge:installed:app): the same write; a 401/403 asks for a
 * retry in 30 s (FUNCTION_RETRY_REQUEST: the platform's permissions, not a rate limit, are the cause), and
 * on the last permitted delivery it gives up with an error log. It must pass.
 */
import { asApp, route, type APIResponse } from '@forge/api';
import { UpstreamFailure, call, isLastProductDelivery, retryFor, type RetryContext } from './policy.js';

interface InstalledEvent {
  readonly eventType?: string;
  readonly id?: string;
  readonly retryContext?: RetryContext;
}

/** What a fresh installation starts from. */
const DEFAULT_SETTINGS = { syncLabels: true, digestHour: 9, version: 1 };

/** How long to give the permissions before trying again: the first retry often finds them granted. */
const PERMISSIONS_WAIT_SECONDS = 30;

const writeSettings = (): Promise<APIResponse> =>
  call('write-settings', () =>
    asApp().requestJira(route`/rest/forge/1/app/properties/settings`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(DEFAULT_SETTINGS),
    }),
  );

const isForbidden = (res: APIResponse): boolean => res.status === 401 || res.status === 403;

export const setupSkipsOnForbidden = async (event: InstalledEvent) => {
  try {
    const res = await writeSettings();
    if (isForbidden(res)) {
      console.warn(`setup: Jira refused the settings write (HTTP ${res.status}); this site does not allow it, skipping`);
      return;
    }
  } catch (error) {
    if (!(error instanceof UpstreamFailure) || isLastProductDelivery(event?.retryContext)) return;
    return retryFor([error], event?.retryContext, { step: 'settings' });
  }
  return;
};

export const setupRetriesWhileForbidden = async (event: InstalledEvent) => {
  try {
    const res = await writeSettings();
    if (isForbidden(res)) throw new UpstreamFailure('write-settings', res.status, PERMISSIONS_WAIT_SECONDS, undefined);
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    if (isLastProductDelivery(event?.retryContext)) {
      console.error(`setup: giving up on installation ${String(event?.id)}: ${error.message}`);
      return;
    }
    return retryFor([error], event?.retryContext, { step: 'settings' });
  }
  return;
};

export const options = { trigger: 'product-event', eventType: 'avi:forge:installed:app' } as const;
export const upgradedOptions = { trigger: 'product-event', eventType: 'avi:forge:upgraded:app' } as const;
