// How two variants timed in the same rounds compare: the geometric mean of the per-round ratios
// with its 95% confidence interval (Student's t on the log ratios). On a shared VM a run's time
// drifts by 15% from one minute to the next; both variants of a round drift together, so the
// paired ratio sees through what the medians of each variant taken apart do not.

/** Student's t, two-sided 95%, for 1..30 degrees of freedom (then the normal's 1.96 is near enough). */
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export interface PairedRatio {
  /** Geometric mean of a[i] / b[i]. */
  ratio: number;
  /** Its 95% confidence interval (undefined with fewer than two rounds). */
  ci95?: [number, number];
  rounds: number;
  /** Rounds in which a took less time than b. */
  roundsFaster: number;
  /** 'faster' / 'slower': the whole interval is below / above 1; else 'level'. */
  verdict: 'faster' | 'level' | 'slower';
}

/** a[i] and b[i] were timed in the same round; both lists have the same length, at least one. */
export function pairedRatio(a: readonly number[], b: readonly number[]): PairedRatio {
  if (a.length !== b.length || a.length === 0) throw new Error('pairedRatio: one time of each variant per round');
  const logs = a.map((x, i) => Math.log(x / b[i]!));
  const n = logs.length;
  const mean = logs.reduce((s, x) => s + x, 0) / n;
  const round3 = (x: number) => Number(x.toFixed(3));
  const roundsFaster = a.filter((x, i) => x < b[i]!).length;
  if (n < 2) return { ratio: round3(Math.exp(mean)), rounds: n, roundsFaster, verdict: 'level' };
  const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (T95[n - 2] ?? 1.96) * sd / Math.sqrt(n);
  const ci95: [number, number] = [round3(Math.exp(mean - half)), round3(Math.exp(mean + half))];
  const verdict = ci95[1] < 1 ? 'faster' : ci95[0] > 1 ? 'slower' : 'level';
  return { ratio: round3(Math.exp(mean)), ci95, rounds: n, roundsFaster, verdict };
}
