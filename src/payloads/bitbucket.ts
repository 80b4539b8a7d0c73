/**
 * Bitbucket events: repositories, pushes, build statuses, commit comments, pull requests, their
 * comments and reviewers, and Pipelines deployments [docs: Bitbucket events]. Bitbucket writes UUIDs
 * in braces and the event's `timestamp` as ISO 8601 with microseconds.
 */
import fc from 'fast-check';
import { PEOPLE, SAMPLE_CLOUD_ID, SAMPLE_INSTANT, bracedUuid, commitHash, instant, isoTime, numberFrom, oneOf, person, title, type Person } from './atoms.js';
import { actionOf, forgeContext, recipe, when, type EventPayload, type Fields } from './recipe.js';

/** The workspace, project and repository of the simulated Bitbucket, with the people's Bitbucket UUIDs. */
interface RepoValues {
  readonly at: number;
  readonly actor: Person;
  readonly actorUuid: string;
  readonly repository: string;
  readonly slug: string;
  readonly project: string;
  readonly workspace: string;
}

const SAMPLE_REPO: RepoValues = {
  at: SAMPLE_INSTANT,
  actor: PEOPLE[0],
  actorUuid: '{cc8e193d-7603-4dfd-8771-fcc8960aa0fb}',
  repository: '{15a31549-1cff-45dc-9d0d-310114c5038b}',
  slug: 'checkout-service',
  project: '{1860e69a-65c1-4ac2-8ab0-cbd2868e7573}',
  workspace: '{4c16a397-8e48-479c-8ca2-442e46c90570}',
};

const repoFields: Fields<RepoValues> = {
  at: instant(),
  actor: person,
  actorUuid: bracedUuid(SAMPLE_REPO.actorUuid),
  repository: bracedUuid(SAMPLE_REPO.repository),
  slug: oneOf('checkout-service', 'web-frontend', 'infra-terraform', 'mobile-app'),
  project: bracedUuid(SAMPLE_REPO.project),
  workspace: bracedUuid(SAMPLE_REPO.workspace),
};

/** `2025-01-01T00:00:00.000000Z`: Bitbucket's microsecond timestamps. */
const bitbucketTime = (ms: number): string => isoTime(ms).replace('Z', '000Z');

const actorOf = (v: RepoValues) => ({ type: 'user', accountId: v.actor.accountId, uuid: v.actorUuid });

const bitbucketPayload = (eventType: string, v: RepoValues, slug: boolean, fields: Readonly<Record<string, unknown>>, withActor = true): EventPayload => ({
  eventType,
  timestamp: bitbucketTime(v.at),
  selfGenerated: false,
  ...(withActor ? { actor: actorOf(v) } : {}),
  repository: { uuid: v.repository, ...when(slug, 'slug', v.slug) },
  ...(withActor ? { project: { uuid: v.project } } : {}),
  workspace: { uuid: v.workspace },
  ...fields,
  context: forgeContext(eventType, SAMPLE_CLOUD_ID),
});

/** Payloads of the `bitbucket-repository` family: Bitbucket repository created, updated or deleted. */
export const bitbucketRepository = recipe<'bitbucket-repository', RepoValues>({
  fields: repoFields,
  sample: SAMPLE_REPO,
  shape: { 'repository.slug': true },
  build: (eventType, v, shape) =>
    bitbucketPayload(
      eventType,
      v,
      shape['repository.slug'],
      actionOf(eventType) === 'updated'
        ? { changes: { description: { old: { value: '', truncated: false }, new: { value: `Source of ${v.slug}`, truncated: false } } } }
        : {},
    ),
});

const COMMIT_MESSAGES = [
  'Fix 502 on checkout when the cart is empty',
  'Bump undici to 6.21',
  'Add retry with backoff to the CRM sync',
  'Release 2025.1',
] as const;

interface PushValues {
  readonly repo: RepoValues;
  readonly branch: string;
  readonly hashes: readonly string[];
  readonly message: string;
}

const SAMPLE_PUSH: PushValues = { repo: SAMPLE_REPO, branch: 'main', hashes: ['a37e0ad81173c7f6707d6b9f74dab4ce9938064d'], message: COMMIT_MESSAGES[0] };

/** A push of commits to a branch (the sample), or of an annotated tag (`push.commits` absent). */
export const bitbucketPush = recipe<'bitbucket-push', PushValues>({
  fields: {
    repo: fc.record(repoFields),
    branch: oneOf('main', 'feature/retry-crm-sync', 'release/2025.1'),
    hashes: fc.array(commitHash(SAMPLE_PUSH.hashes[0]!), { minLength: 1, maxLength: 3 }),
    message: oneOf(...COMMIT_MESSAGES),
  },
  sample: SAMPLE_PUSH,
  shape: { 'repository.slug': true, 'push.commits': true },
  build: (eventType, v, shape) => {
    const author = { user: actorOf(v.repo) };
    const head = v.hashes[0] ?? SAMPLE_PUSH.hashes[0];
    const push = shape['push.commits']
      ? {
          ref: v.branch,
          mainbranch: v.branch === 'main',
          after: head,
          created: false,
          closed: false,
          forced: false,
          truncated: false,
          commits: v.hashes.map((hash) => ({ hash, message: { value: v.message, truncated: false }, date: bitbucketTime(v.repo.at - 60_000), author })),
        }
      : {
          ref: 'v2025.1.0',
          date: bitbucketTime(v.repo.at - 60_000),
          after: head,
          created: true,
          closed: false,
          forced: false,
          author,
          message: { truncated: false, value: 'Release 2025.1\n' },
        };
    return bitbucketPayload(eventType, v.repo, shape['repository.slug'], { push });
  },
});

interface BuildValues {
  readonly repo: RepoValues;
  readonly hash: string;
  readonly state: string;
  readonly key: string;
}

/** Payloads of the `bitbucket-build-status` family: Bitbucket build status created or updated. */
export const bitbucketBuildStatus = recipe<'bitbucket-build-status', BuildValues>({
  fields: {
    repo: fc.record(repoFields),
    hash: commitHash('b88c4b490b648bf960eba6f59123456797960e55'),
    state: oneOf('INPROGRESS', 'SUCCESSFUL', 'FAILED', 'STOPPED'),
    key: oneOf('ci-build', 'unit-tests', 'deploy-staging'),
  },
  sample: { repo: SAMPLE_REPO, hash: 'b88c4b490b648bf960eba6f59123456797960e55', state: 'INPROGRESS', key: 'ci-build' },
  shape: { 'repository.slug': true, 'buildStatus.refName': true },
  build: (eventType, v, shape) =>
    bitbucketPayload(eventType, v.repo, shape['repository.slug'], {
      buildStatus: {
        key: v.key,
        state: v.state,
        url: `https://ci.example.com/builds/${v.key}/${v.hash.slice(0, 12)}`,
        commit: { hash: v.hash },
        createdOn: bitbucketTime(v.repo.at - 30_000),
        updatedOn: bitbucketTime(v.repo.at),
        ...when(shape['buildStatus.refName'], 'refName', 'main'),
      },
    }),
});

interface CommentValues {
  readonly repo: RepoValues;
  readonly hash: string;
  readonly commentId: number;
}

/** Payloads of the `bitbucket-commit-comment` family: Bitbucket commit comment created. */
export const bitbucketCommitComment = recipe<'bitbucket-commit-comment', CommentValues>({
  fields: { repo: fc.record(repoFields), hash: commitHash('a37e0ad81173c7f6707d6b9f74dab4ce9938064d'), commentId: numberFrom(406_336_310, 1_000_000) },
  sample: { repo: SAMPLE_REPO, hash: 'a37e0ad81173c7f6707d6b9f74dab4ce9938064d', commentId: 406_336_310 },
  shape: { 'repository.slug': true },
  build: (eventType, v, shape) => bitbucketPayload(eventType, v.repo, shape['repository.slug'], { commit: { hash: v.hash }, comment: { id: v.commentId } }),
});

interface PullRequestValues {
  readonly repo: RepoValues;
  readonly id: number;
  readonly branch: string;
  readonly sourceHash: string;
  readonly destinationHash: string;
  readonly title: string;
  readonly author: Person;
  readonly authorUuid: string;
  readonly comments: number;
  readonly commentId: number;
  readonly reviewer: Person;
  readonly reviewerUuid: string;
  readonly review: string;
}

const SAMPLE_PR: PullRequestValues = {
  repo: SAMPLE_REPO,
  id: 4,
  branch: 'feature/retry-crm-sync',
  sourceHash: 'ea92ba633eac',
  destinationHash: 'ec8950c039c0',
  title: 'Add retry with backoff to the CRM sync',
  author: PEOPLE[1],
  authorUuid: '{c0de26c1-c01f-4d70-a19c-dac5a7b2e531}',
  comments: 2,
  commentId: 406_336_310,
  reviewer: PEOPLE[2],
  reviewerUuid: '{87654321-4321-4321-4321-cba987654321}',
  review: 'approved',
};

const shortHash = (sample: string) => commitHash(`${sample}${'0'.repeat(28)}`).map((h) => h.slice(0, 12));

const pullRequestFields: Fields<PullRequestValues> = {
  repo: fc.record(repoFields),
  id: numberFrom(4, 900),
  branch: oneOf('feature/retry-crm-sync', 'fix/checkout-502', 'chore/bump-undici'),
  sourceHash: shortHash(SAMPLE_PR.sourceHash),
  destinationHash: shortHash(SAMPLE_PR.destinationHash),
  title,
  author: person,
  authorUuid: bracedUuid(SAMPLE_PR.authorUuid),
  comments: fc.nat(30),
  commentId: numberFrom(SAMPLE_PR.commentId, 1_000_000),
  reviewer: person,
  reviewerUuid: bracedUuid(SAMPLE_PR.reviewerUuid),
  review: oneOf('approved', 'changes_requested', 'none'),
};

/** The pull request's state after the event: merged when fulfilled, declined when rejected. */
const stateAfter = (action: string): string => (action === 'fulfilled' ? 'MERGED' : action === 'rejected' ? 'DECLINED' : 'OPEN');

const pullRequestObject = (eventType: string, v: PullRequestValues, titled: boolean, authored: boolean) => ({
  id: v.id,
  state: stateAfter(actionOf(eventType)),
  source: { branch: v.branch, commit: { hash: v.sourceHash } },
  destination: { branch: 'main', commit: { hash: v.destinationHash } },
  ...when(titled, 'title', { truncated: false, value: v.title }),
  ...when(authored, 'author', { type: 'user', accountId: v.author.accountId, uuid: v.authorUuid, displayName: v.author.displayName }),
  updatedOn: isoTime(v.repo.at).replace('Z', '000+00:00'),
  createdOn: isoTime(v.repo.at - 86_400_000).replace('Z', '000+00:00'),
  commentCount: v.comments,
  taskCount: 0,
});

/** Payloads of the `bitbucket-pull-request` family: Bitbucket pull request created, updated, merged or declined. */
export const bitbucketPullRequest = recipe<'bitbucket-pull-request', PullRequestValues>({
  fields: pullRequestFields,
  sample: SAMPLE_PR,
  shape: { 'repository.slug': true, 'pullrequest.title': true, 'pullrequest.author': true },
  build: (eventType, v, shape) =>
    bitbucketPayload(eventType, v.repo, shape['repository.slug'], {
      pullrequest: pullRequestObject(eventType, v, shape['pullrequest.title'], shape['pullrequest.author']),
    }),
});

/** Payloads of the `bitbucket-pull-request-comment` family: Bitbucket pull request comment created, updated, deleted, resolved or reopened. */
export const bitbucketPullRequestComment = recipe<'bitbucket-pull-request-comment', PullRequestValues>({
  fields: pullRequestFields,
  sample: SAMPLE_PR,
  shape: { 'repository.slug': true, 'pullrequest.title': true },
  build: (eventType, v, shape) =>
    bitbucketPayload(eventType, v.repo, shape['repository.slug'], {
      pullrequest: pullRequestObject('avi:bitbucket:updated:pullrequest', v, shape['pullrequest.title'], true),
      comment: { id: v.commentId },
    }),
});

/** Payloads of the `bitbucket-reviewer-status` family: Bitbucket pull request reviewer status updated. */
export const bitbucketReviewerStatus = recipe<'bitbucket-reviewer-status', PullRequestValues>({
  fields: pullRequestFields,
  sample: SAMPLE_PR,
  shape: { 'repository.slug': true, 'pullrequest.title': true },
  build: (eventType, v, shape) =>
    bitbucketPayload(eventType, v.repo, shape['repository.slug'], {
      pullrequest: pullRequestObject('avi:bitbucket:updated:pullrequest', v, shape['pullrequest.title'], true),
      reviewers: {
        value: [
          {
            user: { type: 'user', accountId: v.reviewer.accountId, uuid: v.reviewerUuid },
            status: v.review,
            timestamp: isoTime(v.repo.at).replace('.000Z', 'Z'),
          },
        ],
        truncated: false,
      },
    }),
});

interface DeploymentValues {
  readonly repo: RepoValues;
  readonly pipeline: string;
  readonly deployment: string;
  readonly environment: string;
  readonly target: (typeof ENVIRONMENTS)[number];
  readonly succeeded: boolean;
}

const ENVIRONMENTS = [
  { type: 'PRODUCTION', name: 'Production' },
  { type: 'STAGING', name: 'Staging' },
  { type: 'TEST', name: 'Test' },
] as const;

const DEPLOYMENT_STATE: Readonly<Record<string, string>> = { pending: 'UNKNOWN', started: 'IN_PROGRESS', completed: 'COMPLETED' };

/** Payloads of the `bitbucket-deployment` family: Bitbucket Pipelines deployment pending, started or completed. */
export const bitbucketDeployment = recipe<'bitbucket-deployment', DeploymentValues>({
  fields: {
    repo: fc.record(repoFields),
    pipeline: bracedUuid('{2c727cf1-ae19-4b2d-96c0-5d513f12e004}'),
    deployment: bracedUuid('{e057287a-3b30-4aaf-8ab4-7c638937b357}'),
    environment: bracedUuid('{fc0697a9-b1d3-44b1-b296-2d7ed47ff150}'),
    target: oneOf(...ENVIRONMENTS),
    succeeded: fc.boolean().map((failed) => !failed),
  },
  sample: {
    repo: SAMPLE_REPO,
    pipeline: '{2c727cf1-ae19-4b2d-96c0-5d513f12e004}',
    deployment: '{e057287a-3b30-4aaf-8ab4-7c638937b357}',
    environment: '{fc0697a9-b1d3-44b1-b296-2d7ed47ff150}',
    target: ENVIRONMENTS[0],
    succeeded: true,
  },
  shape: { 'repository.slug': false },
  build: (eventType, v, shape) => {
    const action = actionOf(eventType);
    return bitbucketPayload(
      eventType,
      v.repo,
      shape['repository.slug'],
      {
        pipeline: { uuid: v.pipeline },
        deployment: {
          uuid: v.deployment,
          state: DEPLOYMENT_STATE[action] ?? 'UNKNOWN',
          ...(action === 'completed' ? { status: v.succeeded ? 'SUCCESSFUL' : 'FAILED' } : {}),
          updatedTimestamp: isoTime(v.repo.at).replace('Z', '000000Z'),
        },
        environment: { uuid: v.environment, type: v.target.type, name: v.target.name },
      },
      false,
    );
  },
});
