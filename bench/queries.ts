// The queries the benchmark measures: representative analyst questions and the nested shapes that must not
// issue one statement per row.
import { METRICS } from "../src/domain/metrics";

/** Every Stats metric, for the "all metrics" shapes. */
const EVERY_METRIC =
  METRICS.map((m) => `${m.name} { value status }`).join(" ") + " evaluatedByGrade { grade count { value } } inadequacyReasons { category count { value } }";

export interface BenchQuery {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const BENCH_QUERIES: BenchQuery[] = [
  {
    name: "regions with their boards (nested)",
    query: `{ regions { edges { node { name boards(first: 50) { totalCount edges { node { code name region { code } } } } } } } }`,
  },
  {
    name: "reviews page of 100 with evaluation, findings, authors",
    query: `{ reviews(first: 100) { totalCount edges { node { reference board { name } evaluation { grade } findings { category } authors { role author { reference background } } } } } }`,
  },
  {
    name: "national stats, 2007-08",
    query: `{ nationalStats(period: { financialYear: "2007-08" }) { deathRate { value } reviewRate { value } reviewCoverage { value } } }`,
  },
  {
    name: "one board's stats, every metric, 2007-08",
    query: `{ board(code: "E08000003") { stats(period: { financialYear: "2007-08" }) { ${EVERY_METRIC} } } }`,
  },
  {
    name: "boards(first: 100) stats, every metric, 2007-08",
    query: `{ boards(first: 100) { edges { node { code stats(period: { financialYear: "2007-08" }) { ${EVERY_METRIC} } } } } }`,
  },
  {
    name: "regions' stats, every metric, 2007-08",
    query: `{ regions { edges { node { name stats(period: { financialYear: "2007-08" }) { ${EVERY_METRIC} } } } } }`,
  },
  {
    name: "variation across boards, review rate, 2007-08",
    query: `{ variation(period: { financialYear: "2007-08" }, level: BOARD, metric: REVIEW_RATE) { correlation rSquared mean standardDeviation units(limit: 10) { name residual } } }`,
  },
  {
    name: "silent boards, April 2006 to October 2007",
    query: `{ silentBoards(first: 50, period: { from: "2006-04-01", to: "2007-10-31" }) { totalCount edges { node { name region { name } } } } }`,
  },
];
