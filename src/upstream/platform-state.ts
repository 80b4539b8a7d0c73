/**
 * What the platform services remember within one run, across its deliveries: the jobs pushed to
 * queues (so `getStats` and `cancel` can find them) and the web trigger URLs created (so `queryUrls`
 * lists them). Like the KVS store it starts empty for every run.
 */

/** A job `Queue.push` created. */
export interface QueueJob {
  readonly queue: string;
  /** Events accepted into the job. */
  readonly events: number;
  cancelled: boolean;
}

/** The platform services' state of one run. */
export class PlatformState {
  /** Jobs by id. */
  readonly jobs = new Map<string, QueueJob>();
  /** Web trigger URLs by module key. */
  readonly webTriggers = new Map<string, string>();
}
