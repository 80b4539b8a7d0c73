import { describe, test } from 'vitest';
import { assertRetrySemantics } from '../../../src/index.js';
import { crmSync, lookupReporter, onIssueAssigned, onIssueCreated, onIssueUpdated, onWorklogCreated } from '../src/index.js';

describe('support-triage app: retry semantics', () => {
  test('onIssueCreated survives every delivery and retries correctly', () => assertRetrySemantics(onIssueCreated));
  test('crmSync consumer retries correctly', () => assertRetrySemantics(crmSync, { trigger: 'async-event' }));

  test.fails('lookupReporter (Atlassian sample 1) passes parseInt(Retry-After) through', () => assertRetrySemantics(lookupReporter));
  test.fails('onIssueUpdated posts its comment again on a retry', () => assertRetrySemantics(onIssueUpdated));
  test.fails('onIssueAssigned swallows upstream failures', () => assertRetrySemantics(onIssueAssigned));
  test.fails('onWorklogCreated sleeps past the function timeout', () => assertRetrySemantics(onWorklogCreated));
});
