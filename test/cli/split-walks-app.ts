/**
 * The example app as the --split-walks tests check it: a config that walks two modules exhaustively at
 * depth 1 (one correct handler, walked to the end; one buggy, whose walk stops at its first failing
 * schedule) and samples the other four with few runs.
 */
import { join } from 'node:path';
import { folder } from './helpers.js';

/** Writes the config to a fresh folder and returns its path. */
export const walksConfig = (): string =>
  join(
    folder({
      'walks.json': JSON.stringify({
        modules: {
          'issue-created-triage': { exhaustive: { depth: 1 } },
          'issue-created-reporter-lookup': { exhaustive: { depth: 1 } },
          'issue-updated-status-comment': { numRuns: 5 },
          'issue-assigned-escalation': { numRuns: 5 },
          'worklog-created-export': { numRuns: 5 },
          'crm-sync-consumer': { numRuns: 5, event: { issueKey: 'SUP-42', action: 'sync-to-crm', requestedBy: '5b10ac8d82e05b22cc7d4ef5' } },
        },
      }),
    }),
    'walks.json',
  );
