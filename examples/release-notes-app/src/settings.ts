/**
 * The app's settings, which the admin page stores in KVS under `settings`. Until an admin saves them
 * the defaults apply, so a fresh install announces status changes and indexes pages: the gated paths
 * run without a seed, and a seed (or an admin) can switch them off.
 */
import { kvs } from '@forge/kvs';
import { callStorage } from './retry.js';

export interface Settings {
  readonly announceStatusChanges: boolean;
  readonly indexPages: boolean;
}

export const DEFAULT_SETTINGS: Settings = { announceStatusChanges: true, indexPages: true };

/** The stored settings over the defaults; a KVS failure is a RetryableFailure (callStorage). */
export const readSettings = async (): Promise<Settings> => {
  const stored = await callStorage('read-settings', () => kvs.get<Partial<Settings>>('settings'));
  return { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
};
