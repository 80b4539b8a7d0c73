/**
 * Deterministic `crypto.randomUUID` during invocations. @forge/events draws a job id from it on every
 * `Queue.push`; a fixed sequence per run keeps traces equal for equal inputs. Calls outside an
 * invocation get the real function.
 */
import nodeCrypto from 'node:crypto';
import { invocationStorage, type Invocation } from './invocation.js';
import { swapProperty, type Restore } from './swap.js';

/**
 * The n-th UUID of a run: a valid version-4 layout with the counter in the last group.
 *
 * @example
 * sequentialUuid(1) // '00000000-0000-4000-8000-000000000001'
 */
export const sequentialUuid = (n: number): `${string}-${string}-${string}-${string}-${string}` => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

// Kept by the run's randomness too, so that an id made from it is masked in effect identities.
const generatedUuid = (inv: Invocation): `${string}-${string}-${string}-${string}-${string}` => {
  const uuid = inv.nextUuid() as `${string}-${string}-${string}-${string}-${string}`;
  inv.random.remember(uuid, uuid.replaceAll('-', ''));
  return uuid;
};

/**
 * Replaces `randomUUID` of `node:crypto` and of the global `crypto`; returns how to undo it.
 *
 * @example
 * const restore = stubRandomUuid();
 */
export const stubRandomUuid = (): Restore => {
  const realNode = nodeCrypto.randomUUID;
  const webCrypto = globalThis.crypto;
  const realWeb = webCrypto.randomUUID.bind(webCrypto);
  const restoreNode = swapProperty(nodeCrypto, 'randomUUID', (...args: Parameters<typeof realNode>) => {
    const inv = invocationStorage.getStore();
    return inv === undefined || inv.ended ? realNode(...args) : generatedUuid(inv);
  });
  const restoreWeb = swapProperty(webCrypto, 'randomUUID', () => {
    const inv = invocationStorage.getStore();
    return inv === undefined || inv.ended ? realWeb() : generatedUuid(inv);
  });
  return () => {
    restoreWeb();
    restoreNode();
  };
};
