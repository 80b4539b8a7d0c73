/**
 * Each family's generator, keyed by the family id: a family in the catalog without a generator here,
 * or a generator for no family, does not compile.
 */
import {
  bitbucketBuildStatus,
  bitbucketCommitComment,
  bitbucketDeployment,
  bitbucketPullRequest,
  bitbucketPullRequestComment,
  bitbucketPush,
  bitbucketRepository,
  bitbucketReviewerStatus,
} from './bitbucket.js';
import type { PayloadFamilyId } from './catalog.js';
import {
  confluenceAttachment,
  confluenceBlogpost,
  confluenceComment,
  confluenceContentTree,
  confluenceCustomContent,
  confluencePage,
  confluencePermissions,
  confluencePermissionsOther,
} from './confluence-content.js';
import {
  confluenceGroup,
  confluenceLabel,
  confluenceRelation,
  confluenceSearch,
  confluenceSpace,
  confluenceTask,
  confluenceUserEvent,
} from './confluence-other.js';
import { compassComponentLink } from './compass.js';
import { forgeAppEvent, forgeInstalled, forgeUpgraded } from './forge-events.js';
import {
  jiraConfiguration,
  jiraExpressionFailed,
  jiraField,
  jiraFieldContext,
  jiraFieldContextConfiguration,
  jiraFilter,
  jiraIssueType,
  jiraTimeTrackingProvider,
  jiraUser,
} from './jira-config.js';
import { jiraIssue, jiraIssueChanged, jiraIssueMentioned, jiraIssueViewed } from './jira-issue.js';
import { jiraComponent, jiraProject, jiraVersion } from './jira-project.js';
import { jsmEntity, jsmRequestType } from './jira-service-management.js';
import { jiraSoftwareBoard, jiraSoftwareBoardConfiguration, jiraSoftwareSprint } from './jira-software.js';
import { jiraAttachment, jiraComment, jiraIssueLink, jiraIssueProperty, jiraWorklog } from './jira-work.js';
import type { PayloadGenerator } from './recipe.js';

/** The generator of every family. */
export const GENERATORS = {
  'jira-issue': jiraIssue,
  'jira-issue-changed': jiraIssueChanged,
  'jira-issue-viewed': jiraIssueViewed,
  'jira-issue-mentioned': jiraIssueMentioned,
  'jira-comment': jiraComment,
  'jira-worklog': jiraWorklog,
  'jira-issue-link': jiraIssueLink,
  'jira-attachment': jiraAttachment,
  'jira-issue-property': jiraIssueProperty,
  'jira-project': jiraProject,
  'jira-version': jiraVersion,
  'jira-component': jiraComponent,
  'jira-field': jiraField,
  'jira-field-context': jiraFieldContext,
  'jira-field-context-configuration': jiraFieldContextConfiguration,
  'jira-filter': jiraFilter,
  'jira-issue-type': jiraIssueType,
  'jira-user': jiraUser,
  'jira-configuration': jiraConfiguration,
  'jira-time-tracking-provider': jiraTimeTrackingProvider,
  'jira-expression-failed': jiraExpressionFailed,
  'jira-software-sprint': jiraSoftwareSprint,
  'jira-software-board': jiraSoftwareBoard,
  'jira-software-board-configuration': jiraSoftwareBoardConfiguration,
  'jsm-request-type': jsmRequestType,
  'jsm-entity': jsmEntity,
  'confluence-page': confluencePage,
  'confluence-blogpost': confluenceBlogpost,
  'confluence-content-tree': confluenceContentTree,
  'confluence-comment': confluenceComment,
  'confluence-attachment': confluenceAttachment,
  'confluence-custom-content': confluenceCustomContent,
  'confluence-permissions': confluencePermissions,
  'confluence-permissions-other': confluencePermissionsOther,
  'confluence-space': confluenceSpace,
  'confluence-label': confluenceLabel,
  'confluence-task': confluenceTask,
  'confluence-user': confluenceUserEvent,
  'confluence-group': confluenceGroup,
  'confluence-relation': confluenceRelation,
  'confluence-search': confluenceSearch,
  'bitbucket-repository': bitbucketRepository,
  'bitbucket-push': bitbucketPush,
  'bitbucket-build-status': bitbucketBuildStatus,
  'bitbucket-commit-comment': bitbucketCommitComment,
  'bitbucket-pull-request': bitbucketPullRequest,
  'bitbucket-pull-request-comment': bitbucketPullRequestComment,
  'bitbucket-reviewer-status': bitbucketReviewerStatus,
  'bitbucket-deployment': bitbucketDeployment,
  'compass-component-link': compassComponentLink,
  'forge-installed': forgeInstalled,
  'forge-upgraded': forgeUpgraded,
  'forge-app-event': forgeAppEvent,
} as const satisfies Record<PayloadFamilyId, PayloadGenerator>;
