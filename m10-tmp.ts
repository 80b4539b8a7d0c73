import { checkRetrySemantics } from './src/index.js';
import { PLATFORM_BUGGY, PLATFORM_CORRECT } from './test/handlers/platform/index.js';
const mine = (n: string) => /^(item [5-8]|also:)/.test(n);
for (const c of PLATFORM_BUGGY.filter((c) => mine(c.name))) {
  const r = await checkRetrySemantics(c.handler, { ...c.options, seed: 1, properties: [c.property], shrink: false });
  console.log(
    'BUGGY',
    c.name,
    r.passed,
    r.runs,
    r.failures.map((f) => f.property),
  );
}
for (const c of PLATFORM_CORRECT.filter((c) => mine(c.name))) {
  const r = await checkRetrySemantics(c.handler, { ...c.options, seed: 1 });
  console.log('CORRECT', c.name, r.passed, r.runs, r.report.slice(0, 1500));
}
