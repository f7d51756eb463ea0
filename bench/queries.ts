// The queries the benchmark measures: representative analyst questions and the nested shapes that must not
// issue one statement per row.
import fs from "node:fs";
import path from "node:path";
import { METRICS } from "../src/domain/metrics";

/** An example of docs/queries, so the benchmark measures exactly what analysts are shown. */
const example = (file: string) => fs.readFileSync(path.join(__dirname, "..", "docs", "queries", file), "utf8");

/** Every Stats metric, for the "all metrics" shapes. */
const EVERY_METRIC =
  METRICS.map((m) => `${m.name} { value status }`).join(" ") +
  " evaluatedByGrade { grade count { value } } inadequacyReasons { category count { value } }";

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
  // Ad-hoc analyst queries (issue 3): relation filters, nested filtered lists, group-by, sorting and aggregates.
  {
    name: "analyst: boards with qualifying deaths but no SCR, 2007-08 (relation filters, nested lists)",
    query: example("q1-boards-with-qualifying-deaths-but-no-scr.graphql"),
  },
  {
    name: "analyst: inadequate share by region and year, and its reasons (three group-bys)",
    query: example("q4-inadequate-share-by-region-and-year.graphql"),
  },
  {
    name: "analyst: reviews page of 100 filtered across relations, sorted by grade then days, with aggregates",
    query: `{ reviews(first: 100, where: { board: { region: { name: { in: ["London", "South East"] } } }, findings: { some: { source: { eq: EVALUATION } } } },
      orderBy: [{ field: EVALUATION_GRADE }, { field: DAYS_TO_COMPLETE, direction: DESC }]) {
      totalCount aggregates { daysToComplete { avg max } daysToEvaluate { avg } }
      edges { node { reference board { name region { name } } evaluation { grade evaluatedOn } findings { source category } authors { role author { background } } } } } }`,
  },
];
