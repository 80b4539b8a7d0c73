/**
 * 5. Exhaustive mode: wall time and schedules played (`result.runs`) of `exhaustive: true` for each
 * CORRECT handler. Each check runs in a child process (the same tsx loader) so that one running past
 * the limit can be stopped and reported as skipped.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CORRECT } from '../test/handlers/index.js';

export const EXHAUSTIVE_CONFIG = { limitSeconds: 60 } as const;

export interface ExhaustiveRow {
  readonly handler: string;
  readonly status: 'done' | 'skipped-over-limit' | 'error';
  readonly passed: boolean | null;
  readonly schedules: number | null;
  /** Time of the check inside the child (no process start-up). */
  readonly ms: number | null;
  readonly usPerSchedule: number | null;
  readonly failed: readonly string[];
  readonly detail?: string;
}

interface ChildReport {
  readonly passed: boolean;
  readonly runs: number;
  readonly ms: number;
  readonly failed: readonly string[];
}

const CHILD = fileURLToPath(new URL('./exhaustive-child.ts', import.meta.url));

const runOne = (index: number, name: string): Promise<ExhaustiveRow> =>
  new Promise((resolve) => {
    const child = fork(CHILD, [String(index)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let report: ChildReport | undefined;
    let stderr = '';
    let overLimit = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('message', (m) => {
      report = m as ChildReport;
    });
    const timer = setTimeout(() => {
      overLimit = true;
      child.kill('SIGKILL');
    }, EXHAUSTIVE_CONFIG.limitSeconds * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (report !== undefined) {
        resolve({
          handler: name,
          status: 'done',
          passed: report.passed,
          schedules: report.runs,
          ms: report.ms,
          usPerSchedule: (1000 * report.ms) / report.runs,
          failed: report.failed,
        });
      } else if (overLimit) {
        resolve({
          handler: name,
          status: 'skipped-over-limit',
          passed: null,
          schedules: null,
          ms: null,
          usPerSchedule: null,
          failed: [],
          detail: `stopped after ${EXHAUSTIVE_CONFIG.limitSeconds} s`,
        });
      } else {
        resolve({
          handler: name,
          status: 'error',
          passed: null,
          schedules: null,
          ms: null,
          usPerSchedule: null,
          failed: [],
          detail: `exit ${code}: ${stderr.trim().slice(0, 500)}`,
        });
      }
    });
  });

export const runExhaustive = async (): Promise<ExhaustiveRow[]> => {
  const rows: ExhaustiveRow[] = [];
  for (const [i, c] of CORRECT.entries()) rows.push(await runOne(i, c.name));
  return rows;
};
