// The table of measures (src/domain/measures.ts) is the one place a Stats figure is defined. Every entry of the
// table reaches its SQL column, its count, its Stats field and StatsMetric value, and its disclosure rule; and a
// count added to the table, as a new count metric would be, gets all of them with nothing else written: here on
// a small fixture whose numbers are worked out by hand, on SQLite and PostgreSQL alike.
import { isEnumType, isObjectType } from "graphql";
import { Prisma } from "../../src/db";
import { schema } from "../../src/schema";
import { STATS_FIELD_RULES } from "../../src/schema/access/disclosure";
import { fieldRulesOf, measuresOf, statsDisclosure } from "../../src/domain/disclosure";
import { type CountEntry, MEASURES, readTable, TABLE, type Table } from "../../src/domain/measures";
import { metricEnumName, METRICS, metricsOf } from "../../src/domain/metrics";
import { countBoards, sumCounts } from "../../src/domain/stats";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

const PERIOD = { from: "2007-04-01", to: "2008-03-31" };

let d: TestDatabase;
let boardIds: [number, number];
let regionId: number;
beforeAll(async () => {
  d = await createTestDatabase({ seeded: false });
  const region = await d.db.region.create({ data: { code: "E12000001", name: "North East" } });
  regionId = region.id;
  const board = (n: number) =>
    d.db.board.create({ data: { code: `E0600000${n}`, dfeCode: `80${n}`, name: `Board ${n} LSCB`, regionId: region.id, inForceFrom: "2006-04-01" } });
  const [b1, b2] = [await board(1), await board(2)];
  boardIds = [b1.id, b2.id];
  const incident = (reference: string, boardId: number, notifiedOn: string, decision: "PENDING" | "NO_REVIEW" | "CASE_FILE_AUDIT") => ({
    reference,
    boardId,
    occurredOn: notifiedOn,
    notifiedOn,
    nature: "SERIOUS_HARM" as const,
    abuseOrNeglectSuspected: true,
    childAgeBand: "UNDER_1" as const,
    decision,
    decisionOn: decision === "PENDING" ? null : notifiedOn,
  });
  await d.db.incident.createMany({
    data: [
      // Board 1: three pending in the year (one on each of its ends), one decided, one pending the day after.
      incident("P1", b1.id, "2007-04-01", "PENDING"),
      incident("P2", b1.id, "2007-10-10", "PENDING"),
      incident("P3", b1.id, "2008-03-31", "PENDING"),
      incident("D1", b1.id, "2007-06-01", "NO_REVIEW"),
      incident("P4", b1.id, "2008-04-01", "PENDING"),
      // Board 2: seven pending, two decided.
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => incident(`Q${n}`, b2.id, `2007-05-0${n}`, "PENDING")),
      incident("D2", b2.id, "2007-07-01", "NO_REVIEW"),
      incident("D3", b2.id, "2007-08-01", "CASE_FILE_AUDIT"),
    ],
  });
});
afterAll(() => d.destroy());

/** A new count metric, as it would be added: one entry. */
const PENDING: CountEntry = {
  kind: "count",
  name: "incidentsPending",
  rows: "incidents",
  when: () => Prisma.sql`i."decision" = 'PENDING'`,
  within: { total: "seriousIncidents", rest: "incidentsDecided" },
  field: { unit: "incidents", description: "Incidents notified in the period whose board has not yet decided what to do." },
};
const EXTENDED: Table = [...MEASURES, PENDING];

test("every entry of the table reaches its SQL column, its Stats field, its StatsMetric value and its disclosure rule", async () => {
  const sql: string[] = [];
  const stop = d.onQuery((e) => sql.push(e.sql));
  await countBoards(d.db, d.kind, PERIOD);
  stop();
  // Boards, populations, and one statement per kind of rows.
  expect(sql).toHaveLength(9);
  for (const cell of TABLE.cells) {
    if (cell.sql) expect([cell.name, sql.filter((s) => s.includes(`AS "${cell.name}"`)).length]).toEqual([cell.name, 1]);
  }

  const stats = schema.getType("Stats");
  const metricEnum = schema.getType("StatsMetric");
  if (!isObjectType(stats) || !isEnumType(metricEnum)) throw new Error("Stats or StatsMetric is missing");
  const fields = stats.getFields();
  for (const f of TABLE.fields) {
    expect([f.name, fields[f.name]?.description]).toEqual([f.name, f.description]);
    expect(STATS_FIELD_RULES[f.name]).toEqual(fieldRulesOf(TABLE)[f.name]);
  }
  // Every field but the per-item lists is a metric, and a StatsMetric value.
  expect(METRICS.map((m) => m.name)).toEqual(TABLE.fields.filter((f) => f.kind !== "list").map((f) => f.name));
  expect(
    metricEnum
      .getValues()
      .map((v) => v.name)
      .sort(),
  ).toEqual(METRICS.map((m) => metricEnumName(m.name)).sort());
  // The Stats fields are the table's and the period's two.
  expect(Object.keys(fields).sort()).toEqual(["period", "populationYear", ...TABLE.fields.map((f) => f.name)].sort());
});

test("a count added to the table is counted in the same statements, kept, a metric with a StatsMetric value, and protected", async () => {
  const sql: string[] = [];
  const stop = d.onQuery((e) => sql.push(e.sql));
  const boards = await countBoards(d.db, d.kind, PERIOD, EXTENDED);
  stop();
  // Its SQL column joins the incidents statement: still nine statements.
  expect(sql).toHaveLength(9);
  expect(sql.filter((s) => s.includes(`AS "incidentsPending"`))).toHaveLength(1);

  // Its count, board by board and summed: 3 and 7 pending in the year (P4 is the day after).
  const pending = (c: unknown) => (c as Record<string, number>).incidentsPending;
  const [b1, b2] = boardIds.map((id) => boards.find((b) => b.boardId === id)!);
  expect([pending(b1!.counts), pending(b2!.counts)]).toEqual([3, 7]);
  const england = sumCounts(
    boards.map((b) => b.counts),
    EXTENDED,
  );
  expect([pending(england), england.seriousIncidents]).toEqual([10, 13]);

  // A metric, so a Stats field of CountFigure and a StatsMetric value, with its description and unit.
  const parts = readTable(EXTENDED);
  const metric = metricsOf(parts).find((m) => m.name === "incidentsPending")!;
  expect([metric.shape, metric.unit, metric.description, metricEnumName(metric.name)]).toEqual([
    "count",
    "incidents",
    "Incidents notified in the period whose board has not yet decided what to do.",
    "INCIDENTS_PENDING",
  ]);
  expect(metric.compute(england)).toEqual({ value: 10, status: "OK" });

  // Its disclosure rule, its cell (shown) and the rest of its total (implied: 13 - 10 = 3), summed.
  expect(fieldRulesOf(parts).incidentsPending).toEqual({ kind: "count", measure: "incidentsPending" });
  const cells = new Map(measuresOf(parts).map((m) => [m.name, m]));
  expect([cells.get("incidentsPending")?.published, cells.get("incidentsDecided")?.published]).toEqual([true, false]);
  expect(cells.get("incidentsDecided")!.of(england)).toBe(3);
  expect(parts.relations).toContainEqual({ total: "seriousIncidents", parts: ["incidentsPending", "incidentsDecided"] });
  // Board 1's 3 is a small count, withheld from a partner. The region's 3 decided incidents are implied by its
  // 13 incidents less its 10 pending, so those two are not both shown.
  const table = await statsDisclosure(boards, EXTENDED);
  expect(table.isWithheld({ level: "BOARD", id: b1!.boardId }, "incidentsPending")).toBe(true);
  const region = { level: "REGION" as const, id: regionId };
  expect(table.isWithheld(region, "seriousIncidents") || table.isWithheld(region, "incidentsPending")).toBe(true);
  // Without the entry, the table holds no such cell.
  expect(measuresOf(TABLE).some((m) => m.name === "incidentsPending")).toBe(false);
});

test("a table that names a count it does not define, or defines one twice, is refused when read", () => {
  expect(() =>
    readTable([
      ...MEASURES,
      {
        kind: "ratio",
        name: "pendingShare",
        numerator: "incidentsPending",
        denominator: "seriousIncidents",
        field: { unit: "share", description: "x" },
      },
    ]),
  ).toThrow("pendingShare: shows incidentsPending, which the table does not define");
  expect(() => readTable([...EXTENDED, PENDING])).toThrow("incidentsPending: defined twice");
  expect(() => readTable([{ ...PENDING, within: { total: "nothing", rest: "rest" } }])).toThrow("rest: nothing is not defined before it");
});
