/**
 * The world's time and ids. Nothing here reads the real clock: timestamps start at the model's virtual
 * epoch and move forward one virtual second per change (or follow the simulation's own clock when it
 * passes one), and ids come from counters, so the same requests always build the same world.
 */
import { VIRTUAL_EPOCH } from '../../models/time.js';

/** One virtual second between changes when the world keeps its own time. */
const STEP_MS = 1000;

/** Hands out strictly increasing timestamps: two changes never share an instant, so `ORDER BY created` is total. */
export class WorldClock {
  #last: number = VIRTUAL_EPOCH - STEP_MS;
  readonly #now: (() => number) | undefined;

  /** `now` is the simulation's virtual clock; without it every change is one virtual second after the last. */
  constructor(now?: () => number) {
    this.#now = now;
  }

  /**
   * The timestamp of the next change, in virtual epoch milliseconds.
   *
   * @example
   * new WorldClock().tick() // Date.UTC(2025, 0, 1)
   */
  tick(): number {
    const wanted = this.#now === undefined ? this.#last + STEP_MS : this.#now();
    this.#last = Math.max(wanted, this.#last + 1);
    return this.#last;
  }

  /** Moves past a seeded timestamp, so that later changes come after everything the seed holds. */
  observe(ms: number): void {
    this.#last = Math.max(this.#last, ms);
  }

  /** The latest timestamp handed out (the epoch before any change): what "now" means to a read. */
  peek(): number {
    return Math.max(this.#last, VIRTUAL_EPOCH);
  }
}

/** Named counters for ids; each starts at its own base and skips past ids that seeds already used. */
export class Counters {
  readonly #values = new Map<string, number>();

  /**
   * The next id of a kind, as a string.
   *
   * @example
   * new Counters().next('issue', 10000) // '10000'
   */
  next(kind: string, base: number): string {
    const value = Math.max(this.#values.get(kind) ?? base, base);
    this.#values.set(kind, value + 1);
    return String(value);
  }

  /** Records that `id` is taken, so later ids of that kind come after it. */
  reserve(kind: string, id: string | number): void {
    const n = Number(id);
    if (Number.isSafeInteger(n) && n + 1 > (this.#values.get(kind) ?? 0)) this.#values.set(kind, n + 1);
  }
}

/**
 * A virtual instant as Jira writes it: `2025-01-01T00:00:00.000+0000`.
 *
 * @example
 * jiraTime(Date.UTC(2025, 0, 1)) // '2025-01-01T00:00:00.000+0000'
 */
export const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/**
 * A virtual instant as Confluence writes it: ISO 8601 with `Z`.
 *
 * @example
 * confluenceTime(Date.UTC(2025, 0, 1)) // '2025-01-01T00:00:00.000Z'
 */
export const confluenceTime = (ms: number): string => new Date(ms).toISOString();

/**
 * Reads a timestamp written either way (or a plain date); undefined when it is not one.
 *
 * @example
 * parseTime('2025-01-01T00:00:00.000+0000') // Date.UTC(2025, 0, 1)
 */
export const parseTime = (text: string): number | undefined => {
  const normalised = text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isFinite(ms) ? ms : undefined;
};

/** Where links in bodies point: the same site as the rest of the simulation. */
export const SITE = 'https://harness.atlassian.net';
