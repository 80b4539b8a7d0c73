/** Reading methods, headers and bodies from whatever shapes `fetch`-style callers pass. */

/**
 * Header names in lower case, from a Headers object, a record, or `[name, value]` pairs.
 *
 * @example
 * headerRecord({ Accept: 'application/json' }) // { accept: 'application/json' }
 */
export const headerRecord = (headers: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (headers === undefined || headers === null) return out;
  try {
    new Headers(headers as HeadersInit).forEach((value, name) => {
      out[name] = value;
    });
  } catch {
    // Headers the WHATWG class rejects are recorded as far as they can be read.
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) out[name.toLowerCase()] = String(value);
  }
  return out;
};

/**
 * Undici's dispatch headers (a flat `[name, value, ...]` array, pairs, or a record) as a record.
 *
 * @example
 * dispatchHeaders(['content-type', 'application/json']) // { 'content-type': 'application/json' }
 */
export const dispatchHeaders = (headers: unknown): Record<string, string> => {
  if (!Array.isArray(headers)) return headerRecord(headers);
  const out: Record<string, string> = {};
  if (headers.every(Array.isArray)) {
    for (const [name, value] of headers as [unknown, unknown][]) out[String(name).toLowerCase()] = String(value);
    return out;
  }
  for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  return out;
};

/**
 * A request body as text. Strings (what the SDKs send) stay synchronous in effect; other bodies
 * (Buffer, URLSearchParams, streams, async iterables) are read fully.
 *
 * @example
 * await bodyText('{"a":1}') // '{"a":1}'
 */
export const bodyText = async (body: unknown): Promise<string | undefined> => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' && !(body instanceof ReadableStream)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }
  return new Response(body as BodyInit).text();
};
