// What the atlas asks the API, through the typed documents codegen compiles from web/atlas/operations/*.graphql,
// and the few derived numbers the charts need. Every figure keeps its status: a suppressed one (a research
// partner's small numbers) is never drawn as a number, only shown as suppressed.
import type { AtlasBoardsQuery, AtlasSilentBoardsQuery, TypedDocumentString } from "./gql/graphql";
import { AtlasBoardsDocument, AtlasRegionsDocument, AtlasSilentBoardsDocument } from "./gql/graphql";
import { getPersisted, type GraphQLError, postGraphQL } from "../common/graphql";

export interface Figure {
  value: number | null;
  status: string;
}

/** The financial years the seed covers, oldest first. */
export const YEARS = ["2005-06", "2006-07", "2007-08", "2008-09", "2009-10"] as const;

export class ApiError extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((e) => (e.extensions?.code ? `${e.extensions.code}: ${e.message}` : e.message)).join("\n"));
  }
}

/**
 * Asks by the document's hash (codegen's manifest, which the server holds: a key limited to registered
 * operations runs nothing else), and sends the text only should the server not know the hash.
 */
async function ask<T, V>(document: TypedDocumentString<T, V>, variables: V, key: string): Promise<T> {
  const hash = (document.__meta__?.hash as string | undefined)?.replace(/^sha256:/, "");
  let result = hash ? await getPersisted<T>(hash, variables, key) : null;
  if (!result || result.errors?.[0]?.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")
    result = await postGraphQL<T>({ query: document.toString(), variables }, key);
  if (result.errors?.length || !result.data) throw new ApiError(result.errors ?? [{ message: "The server sent no data." }]);
  return result.data;
}

/** 1 April to 31 March of a financial year such as "2007-08". */
export function yearRange(year: string): { from: string; to: string } {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

export interface BoardPoint {
  code: string;
  name: string;
  region: string;
  qualifyingDeaths: Figure;
  reviewsInitiated: Figure;
}

export async function boardsOf(year: string, key: string): Promise<BoardPoint[]> {
  const boards: BoardPoint[] = [];
  let after: string | null = null;
  do {
    const data: AtlasBoardsQuery = await ask(AtlasBoardsDocument, { period: { financialYear: year }, ...yearRange(year), after }, key);
    for (const { node } of data.boards.edges) {
      boards.push({ code: node.code, name: node.name, region: node.region.name, ...node.stats });
    }
    after = data.boards.pageInfo.hasNextPage ? (data.boards.pageInfo.endCursor ?? null) : null;
  } while (after !== null);
  return boards;
}

export interface RegionYear {
  role: string;
  national: { qualifyingDeaths: Figure; reviewsInitiated: Figure; reviewsPerQualifyingDeath: Figure };
  regions: { code: string; name: string; deathRate: Figure; reviewRate: Figure; reviewsEvaluated: Figure; inadequateShare: Figure }[];
}

export async function regionsIn(year: string, key: string): Promise<RegionYear> {
  const data = await ask(AtlasRegionsDocument, { period: { financialYear: year } }, key);
  return {
    role: data.viewer.role,
    national: data.nationalStats,
    regions: data.regions.edges.map(({ node }) => ({ code: node.code, name: node.name, ...node.stats })),
  };
}

export interface SilentBoard {
  code: string;
  name: string;
  region: string;
  qualifyingDeaths: Figure;
}

export async function silentBoardsIn(year: string, key: string): Promise<SilentBoard[]> {
  const silent: SilentBoard[] = [];
  let after: string | null = null;
  do {
    const data: AtlasSilentBoardsQuery = await ask(AtlasSilentBoardsDocument, { period: { financialYear: year }, after }, key);
    for (const edge of data.silentBoards.edges) {
      silent.push({ code: edge.node.code, name: edge.node.name, region: edge.node.region.name, qualifyingDeaths: edge.qualifyingDeaths });
    }
    after = data.silentBoards.pageInfo.hasNextPage ? (data.silentBoards.pageInfo.endCursor ?? null) : null;
  } while (after !== null);
  return silent;
}

export interface Expectation extends BoardPoint {
  expected: number;
  residual: number;
}

/**
 * Each board whose two counts are shown, with the reviews its deaths lead one to expect at England's rate
 * (qualifying deaths × England's reviews per qualifying death, as `Variation.units` defines expectedReviews) and
 * how far it is from them; furthest first, ties by name.
 */
export function expectations(boards: BoardPoint[], perDeath: Figure): Expectation[] {
  if (perDeath.status !== "OK" || perDeath.value === null) return [];
  const rate = perDeath.value;
  return boards
    .filter((b) => b.qualifyingDeaths.value !== null && b.reviewsInitiated.value !== null)
    .map((b) => {
      const expected = b.qualifyingDeaths.value! * rate;
      return { ...b, expected, residual: b.reviewsInitiated.value! - expected };
    })
    .sort((a, b) => Math.abs(b.residual) - Math.abs(a.residual) || a.name.localeCompare(b.name));
}
