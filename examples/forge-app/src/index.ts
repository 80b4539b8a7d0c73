/** The functions the manifest names (`handler: index.<name>`). */
export { onIssueCreated } from './on-issue-created.js';
export { lookupReporter } from './atlassian-sample-1.js';
export { onIssueUpdated } from './on-issue-updated.js';
export { onIssueAssigned } from './on-issue-assigned.js';
export { onWorklogCreated } from './on-worklog-created.js';
export { crmSync } from './crm-sync.js';
