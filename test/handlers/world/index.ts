/**
 * The world corpus (issue 11): handlers that meet the realistic world, with no upstream fixture. Each
 * reads the payload of its own event (`eventType`: the changelog of an update, the `content` of a
 * Confluence page, the `comment` of a comment event), talks to the stateful simulated Jira and
 * Confluence (a comment it created is in the next listing, Jira answers the POST with 201), or is gated
 * on configuration a `storage` seed provides. Same shapes as the main corpus (`test/handlers/index.ts`):
 * every buggy handler must fail its property on every seed, and every correct handler must pass every
 * property on every seed.
 *
 * @example
 * sweepCorpus('world', { buggy: WORLD_BUGGY, correct: WORLD_CORRECT }, seedsUpTo(3));
 */
import type { BuggyCase, CorrectCase } from '../index.js';
import * as changelogBuggy from './buggy/changelog-audit.js';
import * as commentAlways from './buggy/comment-always.js';
import * as replyBuggy from './buggy/comment-reply.js';
import * as gatedBuggy from './buggy/config-gated.js';
import * as pageBuggy from './buggy/page-review.js';
import * as changelog from './correct/changelog-audit.js';
import * as commentOnce from './correct/comment-once.js';
import * as reply from './correct/comment-reply.js';
import * as gated from './correct/config-gated.js';
import * as page from './correct/page-review.js';

export const WORLD_BUGGY: readonly BuggyCase[] = [
  {
    name: 'world comment: posts its comment without listing first',
    property: 'no-duplicate-effects',
    handler: commentAlways.handler,
    options: commentAlways.options,
  },
  {
    name: 'world changelog: the audit PUT is best effort',
    property: 'no-swallowed-failures',
    handler: changelogBuggy.handler,
    options: changelogBuggy.options,
  },
  { name: 'world page: posts its checklist without listing first', property: 'no-duplicate-effects', handler: pageBuggy.handler, options: pageBuggy.options },
  { name: 'world reply: anything but 201 means give up', property: 'no-swallowed-failures', handler: replyBuggy.handler, options: replyBuggy.options },
  {
    name: 'world config gate: the gated label edit swallows its failure',
    property: 'no-swallowed-failures',
    handler: gatedBuggy.handler,
    options: gatedBuggy.options,
  },
];

export const WORLD_CORRECT: readonly CorrectCase[] = [
  { name: 'world comment: lists comments and posts only when its marker is absent', handler: commentOnce.handler, options: commentOnce.options },
  { name: 'world changelog: audits changelog.items with an idempotent PUT', handler: changelog.handler, options: changelog.options },
  { name: 'world page: reads event.content, checks footer comments before posting', handler: page.handler, options: page.options },
  { name: 'world reply: checks for 201, marks replies, checks before creating', handler: reply.handler, options: reply.options },
  { name: 'world config gate: KVS config read guarded, idempotent label edit', handler: gated.handler, options: gated.options },
];
