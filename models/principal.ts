/**
 * Who a request was made as, when that is not the app's default: `asUser(accountId)` calls and calls
 * bound to another installation context with `asApp().withContext(contextAri)` (or the user form).
 * Recorded on the request and shown in the timeline, since the same call made as someone else, or in
 * another site, is another call (docs/platform.md "How the SDKs reach the platform").
 */

/** A non-default principal of a request. */
export interface Principal {
  /** `user` for `asUser()`, `app` for `asApp().withContext(...)`. */
  readonly as: 'app' | 'user';
  /** The user the call acts for; absent when `asUser()` was called without one (the invoking user). */
  readonly accountId?: string;
  /** The installation context of `withContext(contextAri)`. */
  readonly contextAri?: string;
}

/**
 * How a principal reads in a report.
 *
 * @example
 * describePrincipal({ as: 'user', accountId: '5b10a2844c20165700ede21g' }) // 'as user 5b10a2844c20165700ede21g'
 * describePrincipal({ as: 'app', contextAri: 'ari:cloud:jira::site/2' })  // 'as app in context ari:cloud:jira::site/2'
 */
export const describePrincipal = (p: Principal): string =>
  [`as ${p.as}`, p.accountId, p.contextAri === undefined ? undefined : `in context ${p.contextAri}`].filter((part) => part !== undefined).join(' ');
