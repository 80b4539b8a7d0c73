/**
 * A request understood by a surface simulator but not yet carried out. Splitting "what does it mean"
 * from "do it" lets the simulation record the operation of every request, apply the effect only
 * when the request succeeds, and apply it or not when the invocation dies mid-request.
 */
import type { Operation } from '../../models/trace.js';
import type { HttpAnswer } from './answer.js';

/** A request a simulator has parsed. */
export interface PreparedRequest {
  /** What the request means, for kvs / storage / queue / sql. */
  readonly operation?: Operation;
  /** Whether carrying it out can change the upstream's state. */
  readonly mutates: boolean;
  /** Set when the harness does not simulate this request: why (recorded as an 'unsupported-surface' issue). */
  readonly unsupported?: string;
  /** Carries the request out and answers it. */
  apply(): Applied;
}

/** The answer of a request that was carried out, and where it came from. */
export interface Applied {
  readonly answer: HttpAnswer;
  readonly source: 'fixture' | 'default' | 'storage';
}

/**
 * Tags an answer computed by a storage-like simulator (kvs, storage, queue, sql).
 *
 * @example
 * fromStore(httpAnswer(204)).source // 'storage'
 */
export const fromStore = (answer: HttpAnswer): Applied => ({ answer, source: 'storage' });
