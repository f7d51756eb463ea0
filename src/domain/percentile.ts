// The one definition of a percentile in SCR Atlas, used by the SQL of aggregates and group-by and by the
// Stats median alike, so they give the same number.
//
// Method: linear interpolation between the closest ranks, as PostgreSQL's percentile_cont (Hyndman and Fan's
// type 7, a spreadsheet's PERCENTILE.INC). Sort the n values; the p-th percentile sits at position
// h = (n - 1) × p / 100, counting the smallest value as position 0; the answer is the value at floor(h) plus
// the fraction of h times the step to the value at ceil(h). The 50th percentile is the median: the middle value,
// or the mean of the two middle values. Over no values there is no percentile (null).
//
// The position is computed in whole numbers, so SQLite and PostgreSQL (and JavaScript) pick the same two
// values: p is held as an integer count of PERCENTILE_SCALE-ths of the whole (p = 12.5 is 125,000 of
// 1,000,000), so p may have at most four decimal places.

/** The denominator p / 100 is held over: a percentile with up to four decimal places is a whole number of these. */
export const PERCENTILE_SCALE = 1_000_000;

/** The percentiles the API gives when none are chosen. */
export const DEFAULT_PERCENTILES: readonly number[] = [25, 50, 75, 90];

/** Most percentiles one field may ask for (each is two columns of its statement). */
export const MAX_PERCENTILES = 20;

/** What a percentile may be, in words for an error message. */
export const PERCENTILE_ALLOWED = "a number from 0 to 100 with at most four decimal places (50 is the median)";

/** p (0-100) as a whole number of PERCENTILE_SCALE-ths of the whole, or null when p is not a percentile. */
export function scaledPercentile(p: number): number | null {
  if (!Number.isFinite(p) || p < 0 || p > 100) return null;
  const scaled = Math.round(p * (PERCENTILE_SCALE / 100));
  // Within rounding of a float, or p had more than four decimal places.
  return Math.abs(scaled - p * (PERCENTILE_SCALE / 100)) < 1e-6 ? scaled : null;
}

/** The 0-based positions of the two values the p-th percentile of `n` values lies between, and how far along. */
export function percentilePosition(n: number, scaled: number): { lower: number; upper: number; fraction: number } {
  const steps = (n - 1) * scaled;
  const lower = Math.floor(steps / PERCENTILE_SCALE);
  const remainder = steps - lower * PERCENTILE_SCALE;
  return { lower, upper: remainder > 0 ? lower + 1 : lower, fraction: remainder / PERCENTILE_SCALE };
}

/** The value `fraction` of the way from `lower` to `upper` (the two values around the percentile). */
export function interpolate(lower: number, upper: number, fraction: number): number {
  return fraction === 0 ? lower : lower + fraction * (upper - lower);
}

/** The p-th percentile (0-100) of a histogram (value → how many times it occurs); null when it is empty. */
export function histogramPercentile(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const scaled = scaledPercentile(p);
  if (scaled === null) throw new RangeError(`percentile ${p}: ${PERCENTILE_ALLOWED}`);
  const entries = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const valueAt = (position: number) => {
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (position < seen) return value;
    }
    return entries[entries.length - 1]![0];
  };
  const { lower, upper, fraction } = percentilePosition(total, scaled);
  return interpolate(valueAt(lower), valueAt(upper), fraction);
}
