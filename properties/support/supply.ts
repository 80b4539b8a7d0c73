/**
 * What a user can supply to give a property something to judge, written once for the properties'
 * `unjudged` entries: the harness injects faults only into requests the handler makes, so most gaps close
 * when the handler reaches its real path.
 */

/** The handler made too few requests for faults to land on: what reaches its real path. */
export const REACH_REAL_PATH =
  'a payload that reaches the real code path (`event`), storage seeds for configuration-gated paths, or an `upstream` fixture that answers what the handler reads';

/** The handler never asked for a retry: what makes it ask. */
export const REACH_RETRY = `${REACH_REAL_PATH}; a handler that never retries needs nothing more`;

/** Why a many-events property had nothing to judge: no many-events scenario ran. */
export const MANY_EVENTS_UNJUDGED = {
  reason: 'no many-events scenario was played',
  supply: 'manyEvents: true (several events on one issue, interleaved)',
} as const;
