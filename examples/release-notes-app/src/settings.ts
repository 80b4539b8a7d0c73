/**
 * The app's settings, which the admin page stores in KVS under `settings`. Until an admin saves them
 * the app does nothing: release notes and the page index are opt-in, so a fresh install posts nothing
 * on anyone's issues. The gated paths are reached only with the settings stored (the config file
 * beside manifest.yml seeds them).
 */
import { kvs } from '@forge/kvs';
import { callStorage } from './retry.js';

export interface Settings {
  readonly announceStatusChanges: boolean;
  readonly indexPages: boolean;
}

/** The stored settings, or undefined before an admin saved any; a KVS failure is a RetryableFailure (callStorage). */
export const readSettings = async (): Promise<Settings | undefined> => {
  const stored = await callStorage('read-settings', () => kvs.get<Partial<Settings>>('settings'));
  if (typeof stored !== 'object' || stored === null) return undefined;
  return { announceStatusChanges: stored.announceStatusChanges === true, indexPages: stored.indexPages === true };
};
