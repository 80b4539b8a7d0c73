/**
 * The shape of a retry-semantics property: a stable id, the words that describe it (a one-line
 * summary, a doc paragraph, the platform rule behind it), the regimes it judges and a predicate over a
 * delivery trace. A property that cannot decide fairly passes (zero false positives), and says whether it had
 * anything to judge at all, so that a check that judged nothing is inconclusive rather than passed.
 */
import type { Regime } from '../models/codes.js';
import type { AssumedRule } from '../models/rules.js';
import type { EventsTrace } from '../models/events-trace.js';
import type { Trace } from '../models/trace.js';

/** Knobs the properties read; every field has a documented default in `DEFAULT_PROPERTY_SETTINGS`. */
export interface PropertySettings {
  /** HTTP methods that create something when they take effect (no-duplicate-effects). */
  readonly nonIdempotentMethods: readonly string[];
  /**
   * A budget of your own: most upstream requests one invocation may make (bounded-invocation). Forge
   * documents no such limit (docs/platform.md, "Outbound request limits"), so none applies unless set.
   *
   * @defaultValue undefined
   */
  readonly maxRequestsPerInvocation: number | undefined;
  /**
   * GraphQL mutations that are idempotent, by operation name or root field name (a re-sync that sets
   * the same state again, say): no-duplicate-effects does not count them as effects. A mutation is
   * idempotent when its operation name is listed, or every one of its root fields is.
   *
   * @defaultValue []
   */
  readonly idempotentMutations: readonly string[];
  /**
   * Paths (regular expressions, matched against the path without its query) of POST endpoints that only
   * read, such as Jira's JQL search; requests to them never count as effects.
   */
  readonly readOnlyPaths: readonly RegExp[];
  /**
   * How many events in a row the app's own writes may trigger before no-self-trigger-loop reports a
   * loop (a chain of self-generated events deeper than this).
   *
   * @defaultValue 3
   */
  readonly maxSelfTriggerDepth: number;
}

/** The settings used unless a check overrides them. */
export const DEFAULT_PROPERTY_SETTINGS: PropertySettings = Object.freeze({
  nonIdempotentMethods: Object.freeze(['POST']),
  maxRequestsPerInvocation: undefined,
  idempotentMutations: Object.freeze([]),
  maxSelfTriggerDepth: 3,
  readOnlyPaths: Object.freeze([
    /^\/rest\/api\/[23]\/search(\/jql|\/approximate-count)?$/,
    /^\/rest\/api\/[23]\/issue\/bulkfetch$/,
    /^\/rest\/api\/[23]\/jql\/(parse|match|sanitize)$/,
    /^\/rest\/api\/[23]\/expression\/(eval|evaluate|analyse)$/,
    /^\/rest\/api\/[23]\/permissions\/check$/,
    /^\/rest\/agile\/1\.0\/board\/\d+\/issue$/,
    /^\/wiki\/rest\/api\/search$/,
  ]),
});

/** A property's judgement of one trace. */
export type Verdict =
  | { readonly kind: 'pass' }
  | {
      readonly kind: 'fail';
      /** The delivery (1-based) where the violation shows. */
      readonly delivery: number;
      /** The event (0-based) it concerns, in a many-events trace. */
      readonly event?: number;
      /** The request (1-based within the delivery) it concerns, when there is one. */
      readonly request?: number;
      /** One line: what went wrong. */
      readonly message: string;
      readonly expected: string;
      readonly received: string;
      /** The usual fix. */
      readonly hint: string;
    };

/** A failing verdict. */
export type Violation = Extract<Verdict, { kind: 'fail' }>;

/** The passing verdict. */
export const PASS: Verdict = Object.freeze({ kind: 'pass' });

/**
 * A retry-semantics property. Its words are written here once: the README table, the CLI help, the
 * vitest test names and the failure reports all read them from the catalog.
 */
export interface RetryProperty<Id extends string = string> {
  /** Stable kebab-case id: users select and skip properties by it, and replays name it. */
  readonly id: Id;
  /**
   * What it demands, in one plain-text line (no period at the end): the README's "demands" column,
   * the CLI help and the vitest test names.
   */
  readonly summary: string;
  /** What it demands and why, in one paragraph, including what it leaves unjudged. */
  readonly doc: string;
  /** The platform rule behind it, with its source: the README table and the `rule` line of each report. */
  readonly rule: string;
  /** The delivery regimes it judges. */
  readonly regimes: readonly Regime[];
  readonly check: (trace: Trace, settings: PropertySettings) => Verdict;
  /**
   * Whether the trace gave the property anything to judge (a retry requested, an effect before a
   * redelivery, a failure before a success, ...). A property that judged nothing in any run of a check is
   * inconclusive, never a pass: no vacuous passes.
   */
  readonly judged: (trace: Trace, settings: PropertySettings) => boolean;
  /** What the property needs to have something to judge, and what a user can supply to get there. */
  readonly unjudged: Unjudged;
  /**
   * Assumed rules the property itself reads when judging this trace, besides those the platform's decisions
   * rest on (which the trace records); a finding is judged again under their plausible values.
   */
  readonly assumes?: (trace: Trace) => readonly AssumedRule[];
  /**
   * Judges a many-events trace (several events of one entity, interleaved). Only the properties about
   * what happens between events have it; a single-event trace cannot show what they judge, so their
   * `check` passes it.
   */
  readonly checkEvents?: (trace: EventsTrace, settings: PropertySettings) => Verdict;
  /**
   * Whether a many-events trace gave the property anything to judge (two events on one stored value, a
   * self-generated event). Set exactly when `checkEvents` is: a check in which no many-events trace
   * gave it anything is inconclusive for the property, never a pass.
   */
  readonly judgedEvents?: (trace: EventsTrace, settings: PropertySettings) => boolean;
}

/** Why a property had nothing to judge, and what would give it something. */
export interface Unjudged {
  /** What never happened, e.g. "no retry was ever requested". */
  readonly reason: string;
  /** What the user can supply, e.g. "an upstream fixture that answers the handler's requests". */
  readonly supply: string;
}

/** Declares a property, keeping its id as a literal type. */
export const defineProperty = <const Id extends string>(property: RetryProperty<Id>): RetryProperty<Id> => property;
