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

/**
 * Why no-lost-updates and no-stale-overwrite had nothing to judge: no two events of one issue touched one
 * stored value. A handler that keeps no per-issue state has nothing to lose; one that does needs to reach it.
 */
export const NO_SHARED_VALUE = {
  reason: 'no two events of one issue read or wrote the same stored value (KVS key or entity) in any many-events scenario',
  supply: `nothing if the handler keeps no per-issue state; otherwise what reaches its storage writes: ${REACH_REAL_PATH}`,
} as const;

/** Why no-stale-overwrite had nothing to judge: no two events of one issue wrote one stored value. */
export const NO_SHARED_WRITE = {
  reason: 'no two events of one issue wrote the same stored value (KVS key or entity) in any many-events scenario',
  supply: NO_SHARED_VALUE.supply,
} as const;

/** Why no-self-trigger-loop had nothing to judge: the handler's writes never produced an event of its own. */
export const NO_SELF_EVENT = {
  reason: 'the handler never wrote the issue its event was about, so no self-generated event was produced in any many-events scenario',
  supply: `nothing if the handler never writes the issue it handles; otherwise what reaches that write: ${REACH_REAL_PATH}`,
} as const;
