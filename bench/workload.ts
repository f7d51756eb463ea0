// The benchmark's fixed workload: eight named analyst and partner questions, each a GraphQL operation and its
// hand-written baseline (baselines.ts). `prepareWorkload` finds, once per database, the values both need (the
// deep page's starting row, the partner's suppression pattern), so the API and the baseline answer the same
// question.
import { type Database } from "../src/db";
import { financialYearPeriod, populationYear } from "../src/domain/dates";
import { statsDisclosure } from "../src/domain/disclosure";
import { countBoards } from "../src/domain/stats";
import { BASELINES, type BaselineInput, PARTNER_MEASURES, type WorkloadId } from "./baselines";

/** page: a list whose work should not grow with the data; aggregate: counts over the period's rows. */
export type QueryKind = "page" | "aggregate";

export interface WorkloadQuery {
  id: WorkloadId;
  /** What it asks, in the issue's words. */
  title: string;
  kind: QueryKind;
  role: "ANALYST" | "PARTNER";
  query: string;
  /** Variables, from the values set-up found. */
  variables?: (input: WorkloadInput) => Record<string, unknown>;
}

export interface WorkloadInput extends BaselineInput {
  /** The API's cursor for the row the deep page starts after. */
  deepAfterCursor: string;
}

export const YEAR = "2007-08";
/** The deep page starts after the first review initiated on or after this date (about 500N reviews in). */
const DEEP_FROM = "2009-06-01";
const FY = `period: { financialYear: "${YEAR}" }`;

export const WORKLOAD: readonly WorkloadQuery[] = [
  {
    id: "regionsBoardsIncidents",
    title: "regions → boards → incident counts, 2007-08",
    kind: "page",
    role: "ANALYST",
    query: `{ regions { edges { node { code name boards(first: 50) { edges { node { code name incidents(where: { notifiedOn: { financialYear: "${YEAR}" } }) { totalCount } } } } } } } }`,
  },
  {
    id: "reviewsPage",
    title: "100 reviews with board, evaluation, finding categories and authors",
    kind: "page",
    role: "ANALYST",
    query: `{ reviews(first: 100) { edges { node { reference board { name } evaluation { grade } findings { category } authors { role author { reference background } } } } } }`,
  },
  {
    id: "boardsWithUnreviewedDeath",
    title: "boards with an unreviewed qualifying death in 2007-08",
    kind: "aggregate",
    role: "ANALYST",
    query: `{ boards(first: 100, where: { incidents: { some: { qualifying: true, hasReview: false, notifiedOn: { financialYear: "${YEAR}" } } } }) { totalCount edges { node { code name region { name } } } } }`,
  },
  {
    id: "incidentsByRegion",
    title: "incidents and deaths by region in 2007-08 (group-by)",
    kind: "aggregate",
    role: "ANALYST",
    query: `{ incidents: incidentGroups(by: [REGION], where: { notifiedOn: { financialYear: "${YEAR}" } }, orderBy: [{ field: COUNT, direction: DESC }]) { groups { region { name } count { value } } }
      deaths: incidentGroups(by: [REGION], where: { nature: { eq: DEATH }, notifiedOn: { financialYear: "${YEAR}" } }) { groups { region { name } count { value } } } }`,
  },
  {
    id: "deepReviewPage",
    title: "a deep page of 50 reviews (after ~500×scale rows) with board, region, evaluation, findings and authors",
    kind: "page",
    role: "ANALYST",
    query: `query DeepPage($after: String!) { reviews(first: 50, after: $after) { edges { node { reference initiatedOn completedOn board { code name region { name } }
      evaluation { grade receivedOn evaluatedOn } findings { source category } authors { role author { reference background } } } } pageInfo { hasNextPage } } }`,
    variables: (input) => ({ after: input.deepAfterCursor }),
  },
  {
    id: "allBoardsStats",
    title: "every region's boards with their Stats for 2007-08",
    kind: "aggregate",
    role: "ANALYST",
    query: `{ regions { edges { node { code boards(first: 50) { edges { node { code stats(${FY}) { seriousIncidents { value } qualifyingDeaths { value } reviewsInitiated { value } deathRate { value status } } } } } } } } }`,
  },
  {
    id: "variation",
    title: "variation of the review rate across boards, 2007-08",
    kind: "aggregate",
    role: "ANALYST",
    query: `{ variation(${FY}, level: BOARD, metric: REVIEW_RATE) { unitsWithValue mean standardDeviation correlation rSquared reviewsPerQualifyingDeath
      max { value unit { code } } units(limit: 10) { code qualifyingDeaths reviewsInitiated expectedReviews residual } } }`,
  },
  {
    id: "partnerTable",
    title: "a research partner's table: regions' Stats for 2007-08, suppressed",
    kind: "aggregate",
    role: "PARTNER",
    query: `{ regions { edges { node { code name stats(${FY}) { ${PARTNER_MEASURES.map((m) => `${m} { value status }`).join(" ")} } } } } }`,
  },
];

export { BASELINES };

/**
 * The values the workload needs from this database: read with the server's own code where it is the
 * reference (the partner's suppression pattern, which a baseline could not recompute by hand: it is the
 * project's secondary suppression), and the deep page's starting row.
 * `cursorOf` asks the API for a row's cursor (cursors are the API's own format).
 */
export async function prepareWorkload(
  database: Database,
  partnerKeyId: number,
  cursorOf: (query: string) => Promise<string>,
): Promise<WorkloadInput> {
  const period = financialYearPeriod(YEAR);
  const deep = await database.db.review.findFirst({
    where: { initiatedOn: { gte: DEEP_FROM } },
    orderBy: [{ initiatedOn: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (!deep) throw new Error(`no review initiated on or after ${DEEP_FROM}: is the database seeded?`);
  const deepAfterCursor = await cursorOf(`{ reviews(first: 1, where: { initiatedOn: { gte: "${DEEP_FROM}" } }) { edges { cursor } } }`);

  const boards = await countBoards(database.db, database.kind, period);
  const disclosure = await statsDisclosure(boards);
  const regions = await database.db.region.findMany({ select: { id: true } });
  const partnerWithheld: Record<string, string[]> = {};
  for (const r of regions) {
    partnerWithheld[`REGION:${r.id}`] = PARTNER_MEASURES.filter((m) => disclosure.isWithheld({ level: "REGION", id: r.id }, m));
  }
  return { period, populationYear: populationYear(period), deepAfterReviewId: deep.id, deepAfterCursor, partnerWithheld, partnerKeyId };
}
