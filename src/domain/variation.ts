// Variation of a metric across units (boards or regions), and whether reviews are explained by deaths.
// Pure arithmetic over per-unit values; no database, no GraphQL.

export interface UnitValue {
  key: number;
  /** The metric's value for the unit; null when it has none (e.g. a rate without a population). */
  value: number | null;
  qualifyingDeaths: number;
  reviewsInitiated: number;
}

export interface UnitResult extends UnitValue {
  /** The unit's qualifying deaths × the reviews per qualifying death across all the units; null when undefined. */
  expectedReviews: number | null;
  residual: number | null;
}

export interface VariationResult {
  unitsWithValue: number;
  unitsWithoutValue: number;
  min: UnitValue | null;
  max: UnitValue | null;
  mean: number | null;
  /** Population standard deviation (divides by the number of units with a value). */
  standardDeviation: number | null;
  /** standardDeviation / mean; null when the mean is zero or there is no value. */
  coefficientOfVariation: number | null;
  /** Pearson correlation of qualifying deaths with reviews initiated across all units; null when undefined. */
  correlation: number | null;
  rSquared: number | null;
  /** Σ reviews initiated / Σ qualifying deaths across the units; null when there were no qualifying deaths. */
  reviewsPerQualifyingDeath: number | null;
  units: UnitResult[];
}

export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export function analyseVariation(units: readonly UnitValue[]): VariationResult {
  const valued = units.filter((u) => u.value !== null) as (UnitValue & { value: number })[];
  const n = valued.length;
  let min: UnitValue | null = null;
  let max: UnitValue | null = null;
  for (const u of valued) {
    if (min === null || u.value < min.value!) min = u;
    if (max === null || u.value > max.value!) max = u;
  }
  const mean = n > 0 ? valued.reduce((a, u) => a + u.value, 0) / n : null;
  const standardDeviation = mean === null ? null : Math.sqrt(valued.reduce((a, u) => a + (u.value - mean) ** 2, 0) / n);
  const coefficientOfVariation = mean === null || mean === 0 || standardDeviation === null ? null : standardDeviation / mean;
  const correlation = pearson(
    units.map((u) => u.qualifyingDeaths),
    units.map((u) => u.reviewsInitiated),
  );
  const deaths = units.reduce((a, u) => a + u.qualifyingDeaths, 0);
  const reviews = units.reduce((a, u) => a + u.reviewsInitiated, 0);
  const perDeath = deaths === 0 ? null : reviews / deaths;
  return {
    unitsWithValue: n,
    unitsWithoutValue: units.length - n,
    min,
    max,
    mean,
    standardDeviation,
    coefficientOfVariation,
    correlation,
    rSquared: correlation === null ? null : correlation * correlation,
    reviewsPerQualifyingDeath: perDeath,
    units: units.map((u) => {
      const expectedReviews = perDeath === null ? null : u.qualifyingDeaths * perDeath;
      return { ...u, expectedReviews, residual: expectedReviews === null ? null : u.reviewsInitiated - expectedReviews };
    }),
  };
}
