/**
 * Small helpers shared by the benchmarks: timing (wall and CPU time of this process),
 * deterministic random numbers, number formatting and logging.
 */

/** A measured span: wall time and CPU time of this Node process (user + system), in ms. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Runs `work` and returns its result with the wall and CPU time it took. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; timing: Timing }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, timing: { wallMs, cpuMs: (used.user + used.system) / 1000 } };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32, the demo's generator), so that runs are comparable. */
export { seededRandom as random } from '../../src/domain/demo/random.ts';

/** `12345678` → `12,345,678`. */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A duration: milliseconds below one second, else seconds with one or two decimals. */
export function seconds(ms: number): string {
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  if (ms >= 600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Rows per second, rounded to thousands. */
export function rate(rows: number, ms: number): string {
  return `${int(rows / (ms / 1000))} rows/s`;
}

/** A ratio with two decimals. */
export function ratio(r: number): string {
  return r.toFixed(2);
}

/** Progress output on stderr, prefixed with the time since start. */
const started = performance.now();
export function log(message: string): void {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}
