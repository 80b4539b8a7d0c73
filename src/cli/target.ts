/**
 * A check target: one handler the CLI will load and check, with the options its Forge module implies.
 * Targets come from the manifest (`manifest.ts`) or from `file.ts#export` arguments (`args.ts`).
 */
import type { CheckOptions } from '../api/types.js';

/** Where a target came from, for the output. */
export type TargetSource =
  | { readonly kind: 'trigger'; readonly module: string; readonly functionKey: string; readonly handler: string; readonly eventType: string }
  | {
      readonly kind: 'consumer';
      readonly module: string;
      readonly functionKey: string;
      readonly handler: string;
      readonly queue: string | undefined;
      readonly method: string | undefined;
    }
  | { readonly kind: 'file'; readonly reference: string };

/** One handler to check. */
export interface CheckTarget {
  readonly source: TargetSource;
  /** Absolute path of the file that exports the handler. */
  readonly file: string;
  /** The export to check; undefined only for a `file.ts` argument without `#export` (a load problem). */
  readonly exportName: string | undefined;
  /** Where its event comes from, in words (task-input.ts `describeInput`); set once the run has decided. */
  readonly input?: string;
  /** The options the module implies: regime, consumer shape, function timeout. */
  readonly options: Pick<CheckOptions, 'trigger' | 'event' | 'consumerShape' | 'functionKey' | 'timeoutSeconds'>;
}

/** The handler's short name in the output: its export, or its resolver method for resolver-style consumers. */
export const targetName = (t: CheckTarget): string =>
  t.source.kind === 'consumer' && t.source.method !== undefined ? t.source.method : (t.exportName ?? 'handler');

/** What the output puts in parentheses after the name. */
export const targetDetail = (t: CheckTarget): string => {
  const s = t.source;
  switch (s.kind) {
    case 'trigger':
      return `trigger ${s.eventType}`;
    case 'consumer':
      return `consumer ${s.queue === undefined ? s.module : `queue ${s.queue}`}${s.method === undefined ? '' : ` via ${s.handler}`}`;
    case 'file':
      return `${s.reference}, ${t.options.trigger ?? 'product-event'}`;
  }
};

/** The module key (manifest targets) or the file reference (file targets). */
export const targetModule = (t: CheckTarget): string => (t.source.kind === 'file' ? t.source.reference : t.source.module);

/** The handler reference: the manifest's `handler` (`index.run`) or `file.ts#export`. */
export const targetHandler = (t: CheckTarget): string => (t.source.kind === 'file' ? t.source.reference : t.source.handler);
