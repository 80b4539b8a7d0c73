/**
 * The numbered delivery timeline of a trace: when each delivery happened and why, what the handler
 * asked of its upstreams and what came back (with the headers that matter), what it returned, and what
 * the platform model decided.
 */
import { match } from 'ts-pattern';
import { describeDecision } from '../../models/delivery.js';
import type { DeliveryRecord, Trace } from '../../models/trace.js';
import { formatOffset } from '../../models/time.js';
import { describeThrown } from '../../properties/support/errors.js';
import { describeRequest } from '../../properties/support/requests.js';
import { renderValue } from '../../models/render-value.js';

const INDENT = ' '.repeat(14);

const pad = (text: string, width: number): string => (text.length >= width ? `${text} ` : text.padEnd(width));

const COLD_START = ' (cold start: a fresh module instance, module variables empty)';

/**
 * Whether a report marks the delivery as a cold start: a redelivery that came to a fresh module instance.
 * Every run starts on a fresh instance, so the first delivery's is no news; the text timeline and the
 * Mermaid diagram both mark exactly these.
 *
 * @example
 * startsCold(trace.deliveries[1]!) // true for a retry served by a fresh instance
 */
export const startsCold = (d: DeliveryRecord): boolean => d.instance === 'cold' && d.kind !== 'first';

const describeArrival = (d: DeliveryRecord): string => {
  const what = { first: 'first delivery', 'app-retry': 'app retry', 'platform-retry': 'platform retry', duplicate: 'duplicate delivery' }[d.kind];
  const cold = startsCold(d) ? COLD_START : '';
  const ctx = d.retryContext;
  if (ctx === undefined) return `${what}${cold}`;
  const parts = [`retryCount ${ctx.retryCount}`, `${String(ctx.retryReason)}`];
  parts.push('retryData' in ctx ? `retryData ${renderValue(ctx.retryData, 60)}` : 'no retryData');
  return `${what}: ${parts.join(', ')}${cold}`;
};

const describeOutcome = (d: DeliveryRecord): string =>
  match(d.outcome)
    .with({ kind: 'success' }, (o) => `handler returned ${renderValue(o.value, 60)}`)
    .with({ kind: 'app-retry' }, (o) => {
      const { retryAfter, retryReason, retryData, hasRetryData } = o.request;
      const fields = [`retryAfter: ${renderValue(retryAfter)}`, `retryReason: ${typeof retryReason === 'string' ? retryReason : renderValue(retryReason)}`];
      if (hasRetryData) fields.push(`retryData: ${renderValue(retryData, 60)}`);
      return `handler returned InvocationError { ${fields.join(', ')} }`;
    })
    .with({ kind: 'legacy-retry' }, () => 'handler returned the legacy { _retry: true }')
    .with({ kind: 'thrown' }, (o) => `handler threw ${describeThrown(o.error)}`)
    .with({ kind: 'platform-fault' }, (o) =>
      match(d.fault)
        .with({ kind: 'crash-at-request' }, (f) => `platform fault: ${f.fault} while request ${f.request} was in flight`)
        .with({ kind: 'refused' }, (f) => `platform refused the invocation (${f.fault}); the handler did not run`)
        .with(undefined, () => `handler still running at the ${d.timeoutMs / 1000} s timeout: killed (${o.fault})`)
        .exhaustive(),
    )
    .exhaustive();

/**
 * Renders a trace as report lines. `mark` flags the delivery and request a finding is about.
 *
 * @example
 * renderTimeline(trace, { delivery: 2, request: 1 }).join('\n')
 */
export const renderTimeline = (trace: Trace, mark?: { delivery: number; request?: number }): string[] => {
  const lines: string[] = [];
  // After the delivery a finding is about, the rest of the history is summarised in one line: it
  // cannot have caused the finding, and a timeline is read top to bottom.
  const shown = mark === undefined ? trace.deliveries : trace.deliveries.filter((d) => d.number <= mark.delivery);
  for (const d of shown) {
    const flagged = mark?.delivery === d.number;
    const head = `${flagged ? '>' : ' '} ${pad(`delivery ${d.number}`, 12)}`;
    lines.push(`${head}${pad(formatOffset(d.startedAt, trace.startedAt), 8)}${describeArrival(d)}`);
    for (const r of d.requests) {
      const arrow = flagged && mark?.request === r.seq ? '! ' : '  ';
      // The answer's latency, when it took any: what lets a reader see work left running, or time running out.
      const took = r.latencyMs === undefined || r.response.kind === 'lost' ? '' : ` (answered after ${r.latencyMs} ms)`;
      lines.push(`${INDENT}${arrow}${pad(formatOffset(r.at, trace.startedAt), 8)}${describeRequest(r)}${took}`);
    }
    lines.push(`${INDENT}  ${pad(formatOffset(d.endedAt, trace.startedAt), 8)}${describeOutcome(d)}`);
    for (const issue of d.issues) lines.push(`${INDENT}  note    ${issue.kind}: ${'detail' in issue ? issue.detail : issue.count}`);
    lines.push(`${INDENT}  platform ${describeDecision(d.decision)}`);
  }
  const rest = trace.deliveries.length - shown.length;
  if (rest > 0) {
    const first = trace.deliveries[shown.length]!;
    lines.push(
      `  ${pad(rest === 1 ? `delivery ${first.number}` : `deliveries ${first.number}-${first.number + rest - 1}`, 12)}${pad(formatOffset(first.startedAt, trace.startedAt), 8)}(${rest === 1 ? 'one more delivery' : `${rest} more deliveries`}, not shown)`,
    );
  }
  const end = trace.end;
  lines.push(
    `  ${pad('end', 12)}${pad(formatOffset(end.at, trace.startedAt), 8)}${
      end.kind === 'completed'
        ? 'event completed'
        : end.kind === 'dropped'
          ? `event dropped (${end.reason})`
          : `harness stopped after ${end.deliveries} deliveries`
    }`,
  );
  return lines;
};
