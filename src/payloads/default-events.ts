/**
 * The events a check delivers unless the user gives one: a realistic `avi:jira:created:issue` payload
 * for product events, and a realistic queue body for async events. Fixed values, so reports are
 * reproducible.
 */

/** An `avi:jira:created:issue` payload shaped like the ones Jira sends. */
export const DEFAULT_PRODUCT_EVENT = Object.freeze({
  eventType: 'avi:jira:created:issue',
  atlassianId: '5b10ac8d82e05b22cc7d4ef5',
  issue: {
    id: '10073',
    key: 'SUP-42',
    fields: {
      summary: 'Checkout fails with 502 after deploy',
      issuetype: { id: '10001', name: 'Bug', subtask: false },
      project: { id: '10000', key: 'SUP', name: 'Support', projectTypeKey: 'service_desk' },
      status: { id: '1', name: 'Open' },
      priority: { id: '2', name: 'High' },
      labels: ['checkout'],
      reporter: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Mia Krystof' },
      assignee: null,
      created: '2025-01-01T00:00:00.000+0000',
      updated: '2025-01-01T00:00:00.000+0000',
    },
  },
  user: { accountId: '5b10ac8d82e05b22cc7d4ef5', accountType: 'atlassian' },
  associatedUsers: [{ accountId: '5b10ac8d82e05b22cc7d4ef5' }],
  context: { cloudId: 'a436116f-02ce-4520-8fbb-7301462a1674', moduleKey: 'issue-created-trigger' },
});

/** The body of an async event, as pushed with `Queue.push({ body })`. */
export const DEFAULT_ASYNC_EVENT_BODY = Object.freeze({
  issueKey: 'SUP-42',
  action: 'sync-to-crm',
  requestedBy: '5b10ac8d82e05b22cc7d4ef5',
});
