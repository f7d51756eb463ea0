// Hand-written baselines: for each query of the workload (workload.ts), the same JSON as the API's `data`, from
// the fewest SQL statements we could write, through the pg driver or better-sqlite3 directly (sql-client.ts).
// Lists and their nested relations are one statement each, the database building the nested JSON
// (json_build_object/json_agg on PostgreSQL, json_object/json_group_array on SQLite); figures that need
// arithmetic across rows (variation) get their per-board counts in one statement and the rest in TypeScript.
//
// Deliberately not shared with src/: a baseline that reused the API's SQL builders would measure the API
// against itself. What a hand-written server would also have to do is done here too (a research partner's
// request writes its audit row); what it would not (key look-up, query limits) is not.
import { AuthorshipRole, FindingCategory, FindingSource } from "../src/generated/sqlite/enums";
import type { Dialect, SqlClient } from "./sql-client";

/** What the baselines need to know beyond the database: the period and values found at set-up. */
export interface BaselineInput {
  period: { from: string; to: string };
  /** The mid-year whose child population rates use (the year of the period's midpoint). */
  populationYear: number;
  /** The deep page starts after this review (its id; the API gets the same row's cursor). */
  deepAfterReviewId: number;
  /** A research partner's suppression pattern for the period: "REGION:<id>" → withheld measures. */
  partnerWithheld: Record<string, string[]>;
  /** The API key row the partner's audit rows name. */
  partnerKeyId: number;
}

export type Baseline = (sql: SqlClient, input: BaselineInput) => Promise<unknown>;

// ---- JSON building, per dialect ------------------------------------------------------------------------

function obj(d: Dialect, fields: Record<string, string>): string {
  const pairs = Object.entries(fields).map(([k, v]) => `'${k}', ${v}`);
  return d === "postgresql" ? `json_build_object(${pairs.join(", ")})` : `json_object(${pairs.join(", ")})`;
}

/** A JSON array of `expr` over the rows, in `orderBy` order; [] when there are none. */
function arr(d: Dialect, expr: string, orderBy: string): string {
  return d === "postgresql" ? `COALESCE(json_agg(${expr} ORDER BY ${orderBy}), '[]'::json)` : `json_group_array(${expr} ORDER BY ${orderBy})`;
}

/** The JSON value of a scalar subquery (SQLite loses the JSON subtype across a subquery: json() restores it). */
function sub(d: Dialect, select: string): string {
  return d === "postgresql" ? `(${select})` : `json((${select}))`;
}

/** Text in byte order, as the API sorts it on both databases. */
function byteOrder(d: Dialect, expr: string): string {
  return d === "postgresql" ? `${expr} COLLATE "C"` : expr;
}

/** The rank of an enum value in its declared order (SQLite stores enums as text). */
function rank(expr: string, values: Record<string, string>): string {
  return `CASE ${expr} ${Object.values(values)
    .map((v, i) => `WHEN '${v}' THEN ${i}`)
    .join(" ")} END`;
}

/** The one JSON column of a baseline's statement, parsed (better-sqlite3 returns JSON as text). */
async function jsonOf(sql: SqlClient, text: string, params: readonly unknown[]): Promise<unknown> {
  const [row] = await sql.all<{ data: unknown }>(text, params);
  return typeof row?.data === "string" ? JSON.parse(row.data) : row?.data;
}

const QUALIFYING = `i."nature" = 'DEATH' AND i."abuseOrNeglectSuspected" = $3`;

// ---- (a) regions → boards → incident counts ------------------------------------------------------------

const regionsBoardsIncidents: Baseline = (sql, { period }) => {
  const d = sql.dialect;
  const board = obj(d, {
    node: obj(d, {
      code: "b.code",
      name: "b.name",
      incidents: obj(d, { totalCount: `(SELECT COUNT(*) FROM "Incident" i WHERE i."boardId" = b.id AND i."notifiedOn" BETWEEN $1 AND $2)` }),
    }),
  });
  const boards = `SELECT ${arr(d, board, `${byteOrder(d, "b.name")}, b.id`)} FROM (SELECT id, code, name FROM "Board" WHERE "regionId" = r.id ORDER BY ${byteOrder(d, "name")}, id LIMIT 50) b`;
  const region = obj(d, { node: obj(d, { code: "r.code", name: "r.name", boards: obj(d, { edges: sub(d, boards) }) }) });
  return jsonOf(sql, `SELECT ${obj(d, { regions: obj(d, { edges: arr(d, region, `${byteOrder(d, "r.code")}, r.id`) }) })} AS data FROM "Region" r`, [
    period.from,
    period.to,
  ]);
};

// ---- (b) and (e): review pages with board, evaluation, findings and authors ----------------------------

function findingsOf(d: Dialect, fields: Record<string, string>): string {
  const order = `${rank("f.source", FindingSource)}, ${rank("f.category", FindingCategory)}, f.id`;
  return sub(d, `SELECT ${arr(d, obj(d, fields), order)} FROM "Finding" f WHERE f."reviewId" = r.id`);
}

function authorsOf(d: Dialect): string {
  const author = obj(d, { role: "a.role", author: obj(d, { reference: "au.reference", background: "au.background" }) });
  return sub(
    d,
    `SELECT ${arr(d, author, `${rank("a.role", AuthorshipRole)}, a.id`)} FROM "Authorship" a JOIN "Author" au ON au.id = a."authorId" WHERE a."reviewId" = r.id`,
  );
}

const reviewsPage: Baseline = (sql) => {
  const d = sql.dialect;
  const node = obj(d, {
    reference: "r.reference",
    board: obj(d, { name: "b.name" }),
    evaluation: sub(d, `SELECT ${obj(d, { grade: "e.grade" })} FROM "Evaluation" e WHERE e."reviewId" = r.id`),
    findings: findingsOf(d, { category: "f.category" }),
    authors: authorsOf(d),
  });
  return jsonOf(
    sql,
    `SELECT ${obj(d, { reviews: obj(d, { edges: arr(d, obj(d, { node }), `r."initiatedOn", r.id`) }) })} AS data
     FROM (SELECT * FROM "Review" ORDER BY "initiatedOn", id LIMIT 100) r JOIN "Board" b ON b.id = r."leadBoardId"`,
    [],
  );
};

const DEEP_PAGE = 50;

const deepReviewPage: Baseline = (sql, { deepAfterReviewId }) => {
  const d = sql.dialect;
  const node = obj(d, {
    reference: "r.reference",
    initiatedOn: 'r."initiatedOn"',
    completedOn: 'r."completedOn"',
    board: obj(d, { code: "b.code", name: "b.name", region: obj(d, { name: "g.name" }) }),
    evaluation: sub(
      d,
      `SELECT ${obj(d, { grade: "e.grade", receivedOn: 'e."receivedOn"', evaluatedOn: 'e."evaluatedOn"' })} FROM "Evaluation" e WHERE e."reviewId" = r.id`,
    ),
    findings: findingsOf(d, { source: "f.source", category: "f.category" }),
    authors: authorsOf(d),
  });
  // One row more than the page says whether there is a next page.
  return jsonOf(
    sql,
    `SELECT ${obj(d, {
      reviews: obj(d, {
        edges: arr(d, `CASE WHEN r.n <= ${DEEP_PAGE} THEN ${obj(d, { node })} END`, `r."initiatedOn", r.id`),
        pageInfo: obj(d, {
          hasNextPage: d === "postgresql" ? `COUNT(*) > ${DEEP_PAGE}` : `json(CASE WHEN COUNT(*) > ${DEEP_PAGE} THEN 'true' ELSE 'false' END)`,
        }),
      }),
    })} AS data
     FROM (SELECT x.*, ROW_NUMBER() OVER (ORDER BY x."initiatedOn", x.id) AS n FROM "Review" x, "Review" c
           WHERE c.id = $1 AND (x."initiatedOn", x.id) > (c."initiatedOn", c.id) ORDER BY x."initiatedOn", x.id LIMIT ${DEEP_PAGE + 1}) r
     JOIN "Board" b ON b.id = r."leadBoardId" JOIN "Region" g ON g.id = b."regionId"`,
    [deepAfterReviewId],
  ).then((data) => {
    // The extra row's null edge is dropped here rather than with a FILTER clause, which SQLite's
    // json_group_array does not take with ORDER BY.
    const reviews = (data as { reviews: { edges: unknown[] } }).reviews;
    reviews.edges = reviews.edges.filter((e) => e !== null);
    return data;
  });
};

// ---- (c) boards with an unreviewed qualifying death ----------------------------------------------------

const boardsWithUnreviewedDeath: Baseline = (sql, { period }) => {
  const d = sql.dialect;
  const node = obj(d, { code: "b.code", name: "b.name", region: obj(d, { name: "g.name" }) });
  return jsonOf(
    sql,
    `SELECT ${obj(d, { boards: obj(d, { totalCount: "COUNT(*)", edges: arr(d, `CASE WHEN b.n <= 100 THEN ${obj(d, { node })} END`, `b.n`) }) })} AS data
     FROM (SELECT x.*, ROW_NUMBER() OVER (ORDER BY ${byteOrder(d, "x.name")}, x.id) AS n FROM "Board" x
           WHERE EXISTS (SELECT 1 FROM "Incident" i WHERE i."boardId" = x.id AND ${QUALIFYING} AND i."reviewId" IS NULL AND i."notifiedOn" BETWEEN $1 AND $2)) b
     JOIN "Region" g ON g.id = b."regionId"`,
    [period.from, period.to, true],
  ).then((data) => {
    const boards = (data as { boards: { edges: unknown[] } }).boards;
    boards.edges = boards.edges.filter((e) => e !== null);
    return data;
  });
};

// ---- (d) incidents and deaths by region (group-by) -----------------------------------------------------

const incidentsByRegion: Baseline = async (sql, { period }) => {
  const rows = await sql.all<{ code: string; name: string; incidents: unknown; deaths: unknown }>(
    `SELECT g.code, g.name, COUNT(*) AS incidents, SUM(CASE WHEN i."nature" = 'DEATH' THEN 1 ELSE 0 END) AS deaths
     FROM "Incident" i JOIN "Board" b ON b.id = i."boardId" JOIN "Region" g ON g.id = b."regionId"
     WHERE i."notifiedOn" BETWEEN $1 AND $2 GROUP BY g.id, g.code, g.name`,
    [period.from, period.to],
  );
  const groups = rows.map((r) => ({ code: r.code, name: r.name, incidents: Number(r.incidents), deaths: Number(r.deaths) }));
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const group = (name: string, value: number) => ({ region: { name }, count: { value } });
  return {
    incidents: { groups: [...groups].sort((a, b) => b.incidents - a.incidents || byCode(a, b)).map((g) => group(g.name, g.incidents)) },
    deaths: {
      groups: groups
        .filter((g) => g.deaths > 0)
        .sort(byCode)
        .map((g) => group(g.name, g.deaths)),
    },
  };
};

// ---- per-board counts, for (f) and (g) ----------------------------------------------------------------

interface BoardCounts {
  id: number;
  regionId: number;
  code: string;
  name: string;
  seriousIncidents: number;
  qualifyingDeaths: number;
  reviewsInitiated: number;
  children: number | null;
}

/** Every board (or those in force at some time in the period), with its counts for the period. One statement. */
async function boardCounts(sql: SqlClient, input: BaselineInput, inForceOnly: boolean): Promise<BoardCounts[]> {
  const { period, populationYear } = input;
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT b.id, b."regionId", b.code, b.name, COALESCE(i.incidents, 0) AS "seriousIncidents", COALESCE(i.qualifying, 0) AS "qualifyingDeaths",
            COALESCE(r.initiated, 0) AS "reviewsInitiated", p.children
     FROM "Board" b
     LEFT JOIN (SELECT i."boardId", COUNT(*) AS incidents, SUM(CASE WHEN ${QUALIFYING} THEN 1 ELSE 0 END) AS qualifying
                FROM "Incident" i WHERE i."notifiedOn" BETWEEN $1 AND $2 GROUP BY i."boardId") i ON i."boardId" = b.id
     LEFT JOIN (SELECT "leadBoardId", COUNT(*) AS initiated FROM "Review" WHERE "initiatedOn" BETWEEN $1 AND $2 GROUP BY "leadBoardId") r ON r."leadBoardId" = b.id
     LEFT JOIN "ChildPopulation" p ON p."boardId" = b.id AND p.year = $4
     ${inForceOnly ? `WHERE b."inForceFrom" <= $2 AND (b."inForceTo" IS NULL OR b."inForceTo" >= $1)` : ""}`,
    [period.from, period.to, true, populationYear],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    regionId: Number(r.regionId),
    code: String(r.code),
    name: String(r.name),
    seriousIncidents: Number(r.seriousIncidents),
    qualifyingDeaths: Number(r.qualifyingDeaths),
    reviewsInitiated: Number(r.reviewsInitiated),
    children: r.children === null ? null : Number(r.children),
  }));
}

/** Per 10,000 children, with the API's statuses: no estimate is NOT_AVAILABLE, zero children NOT_APPLICABLE. */
function rateOf(count: number, children: number | null): { value: number | null; status: string } {
  if (children === null) return { value: null, status: "NOT_AVAILABLE" };
  if (children === 0) return { value: null, status: "NOT_APPLICABLE" };
  return { value: (count * 10_000) / children, status: "OK" };
}

// ---- (f) every board's Stats for a year -----------------------------------------------------------------

const allBoardsStats: Baseline = async (sql, input) => {
  const [regions, boards] = await Promise.all([
    // Regions are nine fixed rows: read with the boards' counts in one round trip would need a UNION of
    // different shapes; kept as its own tiny statement.
    sql.all<{ id: unknown; code: string }>(`SELECT id, code FROM "Region" ORDER BY code`),
    boardCounts(sql, input, false),
  ]);
  const byName = (a: BoardCounts, b: BoardCounts) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id);
  return {
    regions: {
      edges: regions.map((g) => ({
        node: {
          code: g.code,
          boards: {
            edges: boards
              .filter((b) => b.regionId === Number(g.id))
              .sort(byName)
              .slice(0, 50)
              .map((b) => ({
                node: {
                  code: b.code,
                  stats: {
                    seriousIncidents: { value: b.seriousIncidents },
                    qualifyingDeaths: { value: b.qualifyingDeaths },
                    reviewsInitiated: { value: b.reviewsInitiated },
                    deathRate: rateOf(b.qualifyingDeaths, b.children),
                  },
                },
              })),
          },
        },
      })),
    },
  };
};

// ---- (g) variation of the review rate across boards ------------------------------------------------------

const variation: Baseline = async (sql, input) => {
  const boards = await boardCounts(sql, input, true);
  const units = boards.map((b) => ({ ...b, value: rateOf(b.reviewsInitiated, b.children).value }));
  const valued = units.filter((u) => u.value !== null) as ((typeof units)[number] & { value: number })[];
  const mean = valued.reduce((a, u) => a + u.value, 0) / valued.length;
  const standardDeviation = Math.sqrt(valued.reduce((a, u) => a + (u.value - mean) ** 2, 0) / valued.length);
  let max = valued[0]!;
  for (const u of valued) if (u.value > max.value) max = u;
  // Pearson correlation of qualifying deaths with reviews initiated across every unit.
  const n = units.length;
  const mx = units.reduce((a, u) => a + u.qualifyingDeaths, 0) / n;
  const my = units.reduce((a, u) => a + u.reviewsInitiated, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const u of units) {
    sxy += (u.qualifyingDeaths - mx) * (u.reviewsInitiated - my);
    sxx += (u.qualifyingDeaths - mx) ** 2;
    syy += (u.reviewsInitiated - my) ** 2;
  }
  const correlation = sxy / Math.sqrt(sxx * syy);
  const perDeath = units.reduce((a, u) => a + u.reviewsInitiated, 0) / units.reduce((a, u) => a + u.qualifyingDeaths, 0);
  const residuals = units.map((u) => {
    const expectedReviews = u.qualifyingDeaths * perDeath;
    return {
      code: u.code,
      qualifyingDeaths: u.qualifyingDeaths,
      reviewsInitiated: u.reviewsInitiated,
      expectedReviews,
      residual: u.reviewsInitiated - expectedReviews,
    };
  });
  // Furthest from expectation first; differences under 1e-9 are ties, broken by code.
  residuals.sort((a, b) => {
    const d = Math.abs(b.residual) - Math.abs(a.residual);
    return (Math.abs(d) < 1e-9 ? 0 : d) || a.code.localeCompare(b.code);
  });
  return {
    variation: {
      unitsWithValue: valued.length,
      mean,
      standardDeviation,
      correlation,
      rSquared: correlation * correlation,
      reviewsPerQualifyingDeath: perDeath,
      max: { value: max.value, unit: { code: max.code } },
      units: residuals.slice(0, 10),
    },
  };
};

// ---- (h) a research partner's table: regions' Stats, suppressed ----------------------------------------

const PARTNER_MEASURES = ["seriousIncidents", "deaths", "qualifyingDeaths", "reviewsInitiated"] as const;

const partnerTable: Baseline = async (sql, input) => {
  const { period } = input;
  const [rows] = await Promise.all([
    sql.all<Record<string, unknown>>(
      `SELECT g.id, g.code, g.name,
              (SELECT COUNT(*) FROM "Incident" i JOIN "Board" b ON b.id = i."boardId" WHERE b."regionId" = g.id AND i."notifiedOn" BETWEEN $1 AND $2) AS "seriousIncidents",
              (SELECT COUNT(*) FROM "Incident" i JOIN "Board" b ON b.id = i."boardId" WHERE b."regionId" = g.id AND i."notifiedOn" BETWEEN $1 AND $2 AND i."nature" = 'DEATH') AS "deaths",
              (SELECT COUNT(*) FROM "Incident" i JOIN "Board" b ON b.id = i."boardId" WHERE b."regionId" = g.id AND i."notifiedOn" BETWEEN $1 AND $2 AND ${QUALIFYING}) AS "qualifyingDeaths",
              (SELECT COUNT(*) FROM "Review" r JOIN "Board" b ON b.id = r."leadBoardId" WHERE b."regionId" = g.id AND r."initiatedOn" BETWEEN $1 AND $2) AS "reviewsInitiated"
       FROM "Region" g ORDER BY g.code`,
      [period.from, period.to, true],
    ),
    // Every partner request is audited (the operation's hash and document), so a hand-written server would
    // write this row too.
    sql.all(
      `INSERT INTO "AuditEvent" ("actorKeyId", "actor", "action", "entity", "entityId", "after") VALUES ($1, 'baseline', 'request.partner', 'Operation', $2, $3)`,
      [input.partnerKeyId, "baseline", JSON.stringify({ outcome: "ok", status: 200, document: "partnerTable" })],
    ),
  ]);
  return {
    regions: {
      edges: rows.map((r) => {
        const withheld = new Set(input.partnerWithheld[`REGION:${Number(r.id)}`] ?? []);
        const stats = Object.fromEntries(
          PARTNER_MEASURES.map((m) => [m, withheld.has(m) ? { value: null, status: "SUPPRESSED" } : { value: Number(r[m]), status: "OK" }]),
        );
        return { node: { code: r.code, name: r.name, stats } };
      }),
    },
  };
};

export const BASELINES = {
  regionsBoardsIncidents,
  reviewsPage,
  boardsWithUnreviewedDeath,
  incidentsByRegion,
  deepReviewPage,
  allBoardsStats,
  variation,
  partnerTable,
} satisfies Record<string, Baseline>;

export type WorkloadId = keyof typeof BASELINES;
export { PARTNER_MEASURES };
