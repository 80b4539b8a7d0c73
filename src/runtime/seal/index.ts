/**
 * The seal: for the length of a check, nothing inside an invocation reaches the real world. Every way
 * out Node offers a handler is covered (./net.ts, ./undici.ts, ./dgram.ts, ./processes.ts); calls from
 * outside any invocation pass through, so the test runner and other tests keep their network.
 */
import { syncBuiltinESMExports } from 'node:module';
import { restoreAll, type Restore } from '../swap.js';
import { sealDgram } from './dgram.js';
import { sealNet } from './net.js';
import { sealProcesses } from './processes.js';
import { sealUndici } from './undici.js';

/**
 * Installs the seal; returns how to take it off. If one step fails, the steps before it are undone.
 *
 * @example
 * const unseal = installSeal();
 * try { ... } finally { unseal(); }
 */
export const installSeal = (): Restore => {
  const restores: Restore[] = [];
  try {
    for (const seal of [sealNet, sealUndici, sealDgram, sealProcesses]) restores.push(...seal());
    // Named ESM imports of builtins (`import { connect } from 'node:net'`) see a patch only after a sync.
    syncBuiltinESMExports();
  } catch (error) {
    restoreAll(restores);
    syncBuiltinESMExports();
    throw error;
  }
  return () => {
    try {
      restoreAll(restores);
    } finally {
      syncBuiltinESMExports();
    }
  };
};
