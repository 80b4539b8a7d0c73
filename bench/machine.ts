/** What the numbers were measured on: CPU, Node, library versions and the commit. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);

const versionOf = (pkg: string): string => {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

const git = (args: string[]): string | undefined => {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

/** Machine and software identity, for results.json and the header. */
export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly totalMemoryGiB: number;
  readonly fastCheck: string;
  readonly fakeTimers: string;
  readonly commit: string;
  readonly dirtyWorkingTree: boolean | null;
  /** 1-minute load average when the bench started: above the core count, other work competed for the CPU. */
  readonly loadAverage1m: number;
}

export const machineInfo = (): MachineInfo => {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    fastCheck: versionOf('fast-check'),
    fakeTimers: versionOf('@sinonjs/fake-timers'),
    commit: git(['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    dirtyWorkingTree: status === undefined ? null : status !== '',
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
};

export const formatMachine = (m: MachineInfo): string =>
  `machine: ${m.cpus} x ${m.cpuModel}, ${m.platform}, ${m.totalMemoryGiB} GiB; node ${m.node}, fast-check ${m.fastCheck}, ` +
  `@sinonjs/fake-timers ${m.fakeTimers}; commit ${m.commit}${m.dirtyWorkingTree === true ? ' (working tree modified)' : ''}; ` +
  `load average ${m.loadAverage1m}${m.loadAverage1m >= m.cpus ? ' (WARNING: other work is competing for the CPU; timings will be inflated)' : ''}`;
