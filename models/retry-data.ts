/**
 * retryData crosses the platform as JSON (docs/platform.md "maxRetryDataBytes" and "nonObjectRetryData"): Dates become
 * strings, `undefined` members vanish, Map/Set become `{}`, BigInt throws. This file computes what the
 * next delivery receives and lists every loss on the way, without ever throwing.
 */
import { describeThrown, kindOf, renderValue, thrownMessage } from './render-value.js';

/** Something that does not survive the JSON round trip, with where it sits (`$.a.b`). */
export interface JsonLoss {
  readonly path: string;
  readonly what: string;
}

/** The result of sending retryData through the platform's JSON round trip. */
export type RetryDataTransit =
  | { readonly kind: 'absent' }
  | {
      readonly kind: 'not-an-object';
      readonly type: string;
      /**
       * The value as JSON would carry it, if the platform sends it at all (rule `nonObjectRetryData`);
       * absent when JSON has no text for it (a function, a symbol).
       */
      readonly json?: { readonly delivered: unknown; readonly bytes: number; readonly losses: readonly JsonLoss[] };
    }
  | { readonly kind: 'unserialisable'; readonly why: string; readonly losses: readonly JsonLoss[] }
  | {
      readonly kind: 'sent';
      /** What the next delivery sees: `JSON.parse(JSON.stringify(data))`. */
      readonly delivered: unknown;
      /** UTF-8 bytes of the JSON text. */
      readonly bytes: number;
      /** Everything that changed on the way; empty when the data round-trips exactly. */
      readonly losses: readonly JsonLoss[];
    };

/** UTF-8 length of a string, computed by hand so the model reads no runtime globals. */
export const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
};

const describeObject = (value: object): string | undefined => {
  if (value instanceof Date) return 'a Date (arrives as an ISO string)';
  if (value instanceof Map) return 'a Map (arrives as {})';
  if (value instanceof Set) return 'a Set (arrives as {})';
  if (value instanceof RegExp) return 'a RegExp (arrives as {})';
  if (value instanceof Error) return 'an Error (arrives as {})';
  if (ArrayBuffer.isView(value)) return 'a typed array (arrives as an object of indices)';
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype && !Array.isArray(value)) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return `a class instance${typeof name === 'string' && name ? ` (${name})` : ''} (arrives as a plain object without its prototype)`;
  }
  return undefined;
};

/** Lists what JSON would lose or refuse in `value`. Never throws; stops after 50 findings. */
export const findJsonLosses = (value: unknown): JsonLoss[] => {
  const losses: JsonLoss[] = [];
  const stack = new Set<object>();
  const visit = (v: unknown, path: string, inArray: boolean): void => {
    if (losses.length >= 50) return;
    switch (typeof v) {
      case 'undefined':
        losses.push({ path, what: inArray ? 'undefined (arrives as null)' : 'an undefined member (vanishes)' });
        return;
      case 'function':
        losses.push({ path, what: inArray ? 'a function (arrives as null)' : 'a function (vanishes)' });
        return;
      case 'symbol':
        losses.push({ path, what: inArray ? 'a symbol (arrives as null)' : 'a symbol (vanishes)' });
        return;
      case 'bigint':
        losses.push({ path, what: 'a BigInt (JSON.stringify throws)' });
        return;
      case 'number':
        if (!Number.isFinite(v)) losses.push({ path, what: `${renderValue(v)} (arrives as null)` });
        return;
      case 'string':
      case 'boolean':
        return;
      default:
        break;
    }
    if (v === null) return;
    const obj = v as object;
    if (stack.has(obj)) {
      losses.push({ path, what: 'a cycle (JSON.stringify throws)' });
      return;
    }
    // JSON.stringify calls toJSON before anything else: what arrives is its result, whatever the object
    // is (a Luxon DateTime arrives as a string, a Buffer as { type, data }). A Date is described below.
    if (!(obj instanceof Date) && typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
      losses.push({ path, what: 'an object with toJSON (arrives as what toJSON returns)' });
      return;
    }
    const special = describeObject(obj);
    if (special !== undefined) {
      losses.push({ path, what: special });
      if (obj instanceof Date || obj instanceof Map || obj instanceof Set) return;
    }
    stack.add(obj);
    if (Array.isArray(obj)) {
      // A hole (`new Array(3)`, `list[5] = x`) arrives as null, like undefined; forEach would skip it.
      for (let i = 0; i < obj.length && losses.length < 50; i++) {
        if (i in obj) visit(obj[i], `${path}[${i}]`, true);
        else losses.push({ path: `${path}[${i}]`, what: 'a hole (arrives as null)' });
      }
    } else {
      for (const key of Object.keys(obj)) visit((obj as Record<string, unknown>)[key], `${path}.${key}`, false);
      // JSON.stringify skips symbol keys; Object.keys does not list them.
      for (const key of Object.getOwnPropertySymbols(obj)) {
        if (losses.length < 50) losses.push({ path: `${path}[${String(key)}]`, what: 'a symbol-keyed member (vanishes)' });
      }
    }
    stack.delete(obj);
  };
  try {
    visit(value, '$', false);
  } catch (error) {
    losses.push({ path: '$', what: `an object that cannot be read (${describeThrown(error)})` });
  }
  return losses;
};

/**
 * Sends retryData through the platform's JSON round trip.
 *
 * @example
 * transitRetryData({ at: new Date(0) }) // { kind: 'sent', delivered: { at: '1970-01-01T00:00:00.000Z' }, ... }
 */
export const transitRetryData = (data: unknown, present = data !== undefined): RetryDataTransit => {
  if (!present || data === undefined) return { kind: 'absent' };
  const isObject = data !== null && typeof data === 'object' && !Array.isArray(data);
  // The runtime serialises the whole return value, so a BigInt fails it wherever it sits.
  if (typeof data === 'bigint') return { kind: 'unserialisable', why: 'Do not know how to serialize a BigInt', losses: findJsonLosses(data) };
  const losses = findJsonLosses(data);
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch (error) {
    return { kind: 'unserialisable', why: thrownMessage(error), losses };
  }
  if (text === undefined) {
    return isObject ? { kind: 'unserialisable', why: 'JSON.stringify returned undefined', losses } : { kind: 'not-an-object', type: kindOf(data) };
  }
  const delivered = JSON.parse(text) as unknown;
  const json = { delivered, bytes: utf8Length(text), losses };
  if (!isObject) return { kind: 'not-an-object', type: kindOf(data), json };
  // ECO-734 applies to what the platform receives: a Date (or any toJSON) that serialises to a
  // non-object is not sent either.
  if (delivered === null || typeof delivered !== 'object' || Array.isArray(delivered)) {
    return { kind: 'not-an-object', type: `${kindOf(delivered)} (as JSON)`, json };
  }
  return { kind: 'sent', ...json };
};
