/**
 * A request understood by a surface simulator but not yet carried out. Splitting "what does it mean"
 * from "do it" lets the simulation record the operation of every request, apply the effect only
 * when the request succeeds, and apply it or not when the invocation dies mid-request.
 */
import type { Operation, PartialFailure } from '../../models/trace.js';
import type { HttpAnswer } from './answer.js';

/** A request a simulator has parsed. */
export interface PreparedRequest {
  /** What the request means, for kvs / storage / queue / sql. */
  readonly operation?: Operation;
  /** Whether carrying it out can change the upstream's state. */
  readonly mutates: boolean;
  /**
   * Set when the harness does not simulate this request: what it is, and optionally what to do
   * (recorded as an 'unsupported-surface' issue, which stops the check with a usage error).
   */
  readonly unsupported?: string | Refusal;
  /** Carries the request out and answers it. */
  apply(): Applied;
  /**
   * How this request answers a planned failure of `status` when that differs from its surface's plain
   * failure: a request that can fail part-way (a batch, a push of several events) is carried out in
   * part and answers as the service then does (failed keys listed, a 202 partial success); a push can
   * meet its own limits (405, 413). Undefined: the surface's failure answers it, and nothing applies.
   */
  plannedFailure?(status: number): Applied | undefined;
}

/** Why the harness refused a request, and what the user can do about it. */
export interface Refusal {
  readonly detail: string;
  readonly fix: string;
}

/** The answer of a request that was carried out, and where it came from. */
export interface Applied {
  readonly answer: HttpAnswer;
  readonly source: 'fixture' | 'world' | 'default' | 'storage';
  /**
   * False when carrying out a mutating request changed nothing (a transaction writing what is already
   * stored, an INSERT a unique key ignored): the record then says the effect was not applied.
   * @defaultValue true
   */
  readonly changed?: boolean;
  /** Set when carrying the request out showed the harness cannot simulate it (SQL SQLite cannot run). */
  readonly unsupported?: Refusal;
  /** Set when the request succeeded only in part, as {@link PartialFailure} describes. */
  readonly partialFailure?: PartialFailure;
}

/**
 * Tags an answer computed by a storage-like simulator (kvs, storage, queue, sql).
 *
 * @example
 * fromStore(httpAnswer(204)).source // 'storage'
 */
export const fromStore = (answer: HttpAnswer, changed?: boolean): Applied => ({ answer, source: 'storage', ...(changed !== undefined ? { changed } : {}) });
