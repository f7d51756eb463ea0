// The queries the benchmark measures: representative analyst questions and the nested shapes that must not
// issue one statement per row.
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
    name: "all boards' stats, 2007-08 (page of 100)",
    query: `{ boards(first: 100) { edges { node { code stats(period: { financialYear: "2007-08" }) { seriousIncidents { value } qualifyingDeaths { value } reviewsInitiated { value } deathRate { value } reviewRate { value } reviewsPerQualifyingDeath { value } reviewCoverage { value } inadequateShare { value } } } } } }`,
  },
  {
    name: "regions' stats, 2007-08",
    query: `{ regions { edges { node { name stats(period: { financialYear: "2007-08" }) { seriousIncidents { value } deaths { value } deathRate { value } reviewRate { value } } } } } }`,
  },
  {
    name: "silent boards, April 2006 to October 2007",
    query: `{ silentBoards(first: 50, period: { from: "2006-04-01", to: "2007-10-31" }) { totalCount edges { node { name region { name } } } } }`,
  },
];
