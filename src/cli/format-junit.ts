/**
 * The `--junit` file: one testsuite per handler, one testcase per property judged, a failure element
 * carrying the readable report for each violated property, a warning as the case's system-out, an
 * inconclusive property as skipped with its reason. CI systems render it as a test tree.
 */
import type { HandlerOutcome } from './handler-outcome.js';
import { targetDetail, targetModule, targetName } from './target.js';

// XML 1.0 forbids most control characters even when escaped; reports never need them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const escape = (value: string): string =>
  value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attrs = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
    .join('');

const suite = (o: HandlerOutcome): string => {
  const name = `${targetName(o.target)} (${targetDetail(o.target)})`;
  const classname = `forge-retry-harness.${targetModule(o.target)}`;
  if (o.kind === 'skipped') {
    return (
      `  <testsuite${attrs({ name, tests: 1, failures: 0, errors: 0, skipped: 1 })}>\n` +
      `    <testcase${attrs({ classname, name: 'retry semantics' })}><skipped${attrs({ message: o.reason })}/></testcase>\n  </testsuite>`
    );
  }
  if (o.kind === 'error') {
    return (
      `  <testsuite${attrs({ name, tests: 1, failures: 0, errors: 1, skipped: 0 })}>\n` +
      `    <testcase${attrs({ classname, name: 'retry semantics' })}><error${attrs({ message: o.message.split('\n')[0] ?? '', type: 'check-error' })}>${escape(o.message)}</error></testcase>\n  </testsuite>`
    );
  }
  const failed = new Map(o.result.failures.map((f) => [f.property, f]));
  const warned = new Map(o.result.warnings.map((f) => [f.property, f]));
  const unjudged = new Map(o.result.properties.flatMap((p) => (p.inconclusive !== undefined ? [[p.property, p.inconclusive] as const] : [])));
  const cases = o.properties.map((id) => {
    const f = failed.get(id);
    const w = warned.get(id);
    const u = unjudged.get(id);
    const open = `    <testcase${attrs({ classname, name: id })}>`;
    if (f !== undefined) return `${open}\n      <failure${attrs({ message: f.message, type: id })}>${escape(f.report)}</failure>\n    </testcase>`;
    // A warning passes (it holds only under some assumptions); CI shows it as the case's output.
    if (w !== undefined) return `${open}\n      <system-out>${escape(`warning: ${w.assumptions?.only ?? ''}\n${w.report}`)}</system-out>\n    </testcase>`;
    if (u !== undefined) return `${open}<skipped${attrs({ message: `inconclusive: ${u.reason}; supply ${u.supply}` })}/></testcase>`;
    return `    <testcase${attrs({ classname, name: id })}/>`;
  });
  const head = attrs({
    name,
    tests: o.properties.length,
    failures: failed.size,
    errors: 0,
    skipped: o.properties.filter((id) => !failed.has(id) && !warned.has(id) && unjudged.has(id)).length,
    time: (o.milliseconds / 1000).toFixed(3),
  });
  const props = `    <properties><property${attrs({ name: 'seed', value: o.result.seed })}/><property${attrs({ name: 'runs', value: o.result.runs })}/></properties>`;
  return `  <testsuite${head}>\n${props}\n${cases.join('\n')}\n  </testsuite>`;
};

/** Renders the JUnit XML document. */
export const formatJunit = (outcomes: readonly HandlerOutcome[]): string => {
  const tests = outcomes.reduce((n, o) => n + (o.kind === 'checked' ? o.properties.length : 1), 0);
  const failures = outcomes.reduce((n, o) => n + (o.kind === 'checked' ? new Set(o.result.failures.map((f) => f.property)).size : 0), 0);
  const errors = outcomes.filter((o) => o.kind === 'error').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'forge-retry-harness', tests, failures, errors })}>\n${outcomes.map(suite).join('\n')}\n</testsuites>\n`;
};
