// The seed written to a fresh SQLite file: every table holds what the summary says, a few anchors hold when
// counted by the database, and seeding again replaces the domain data but keeps API keys.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "../../src/db";
import { migrate } from "../../src/migrate";
import { historiesOf } from "../../src/domain/records/history";
import { type SeedSummary, seedDatabase } from "../../src/seed";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-seed-"));
const file = path.join(dir, "seed.db");
const config = { kind: "sqlite" as const, url: `file:${file}`, file };
let database: Database;
let summary: SeedSummary;

beforeAll(async () => {
  await migrate(config);
  database = openDatabase(config);
  summary = await seedDatabase(database.db);
});

afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function tableCounts(): Promise<SeedSummary> {
  const db = database.db;
  return {
    regions: await db.region.count(),
    boards: await db.board.count(),
    localAuthorities: await db.localAuthority.count(),
    boardCoverage: await db.boardCoverage.count(),
    childPopulations: await db.childPopulation.count(),
    authors: await db.author.count(),
    competencies: await db.competency.count(),
    reviews: await db.review.count(),
    incidents: await db.incident.count(),
    reviewAgencies: await db.reviewAgency.count(),
    authorships: await db.authorship.count(),
    evaluations: await db.evaluation.count(),
    findings: await db.finding.count(),
  };
}

test("every table holds the summary's count", async () => {
  expect(await tableCounts()).toEqual(summary);
  expect(summary.boards).toBe(154);
  expect(summary.reviews).toBeGreaterThan(550);
});

test("anchors counted by the database: A1, A5, A7, A8", async () => {
  const db = database.db;
  const a1 = { receivedOn: { gte: "2007-04-01", lte: "2008-01-31" } };
  expect(await db.evaluation.count({ where: a1 })).toBe(36);
  expect(await db.evaluation.count({ where: { ...a1, grade: "INADEQUATE" } })).toBe(9);
  const a5 = { notifiedOn: { gte: "2007-04-01", lte: "2008-08-31" } };
  expect(await db.incident.count({ where: a5 })).toBe(424);
  expect(await db.incident.count({ where: { ...a5, nature: "DEATH" } })).toBe(282);
  const a7 = await db.evaluation.groupBy({
    by: ["grade"],
    where: { evaluatedOn: { gte: "2008-09-01", lte: "2009-02-28" } },
    _count: { _all: true },
  });
  expect(Object.fromEntries(a7.map((g) => [g.grade, g._count._all]))).toEqual({
    GOOD: 24,
    ADEQUATE: 47,
    INADEQUATE: 44,
  });
  expect(
    await db.incident.count({
      where: { nature: "DEATH", occurredOn: { gte: "2007-01-01", lte: "2007-12-31" }, reviewId: { not: null } },
    }),
  ).toBe(81);
});

test("the North West's FY 2007-08 through the board relation: 56 incidents, 38 deaths", async () => {
  const where = { notifiedOn: { gte: "2007-04-01", lte: "2008-03-31" }, board: { region: { code: "E12000002" } } };
  expect(await database.db.incident.count({ where })).toBe(56);
  expect(await database.db.incident.count({ where: { ...where, nature: "DEATH" } })).toBe(38);
});

test("seeding again replaces the domain data, keeps API keys, and new rows get fresh ids", async () => {
  const db = database.db;
  await db.apiKey.create({
    data: { prefix: "seedtest", secretHash: "0".repeat(64), role: "ANALYST", label: "seed test" },
  });
  const again = await seedDatabase(db);
  expect(again).toEqual(summary);
  expect(await tableCounts()).toEqual(summary);
  expect(await db.apiKey.count({ where: { prefix: "seedtest" } })).toBe(1);
  const region = await db.region.findFirstOrThrow();
  const board = await db.board.create({
    data: { code: "E99999999", dfeCode: "999", name: "Test LSCB", regionId: region.id, inForceFrom: "2011-04-01" },
  });
  expect(board.id).toBe(summary.boards + 1);
});

test("every seeded record's creation is in the audit log, and after seeding again a record's history is its newest creation", async () => {
  const db = database.db;
  const records = summary.boards + summary.childPopulations + summary.incidents + summary.reviews + summary.evaluations;
  const all = records + summary.findings + summary.authors + summary.competencies + summary.authorships;
  const seeded = await db.auditEvent.count({ where: { action: "record.create", via: "seed", actor: "seed" } });
  // Seeded at least twice by now (beforeAll, then the test above): every seeding writes one creation per record.
  expect(seeded % all).toBe(0);
  expect(seeded / all).toBeGreaterThanOrEqual(2);
  const incident = await db.incident.findFirstOrThrow({ orderBy: { id: "asc" }, include: { board: true } });
  const [history] = await historiesOf(db, "Incident", [incident.id]);
  expect(history!.map((h) => [h.action, h.actor, h.via])).toEqual([["record.create", "seed", "seed"]]);
  expect(history![0]!.after).toMatchObject({ reference: incident.reference, boardCode: incident.board.code, notifiedOn: incident.notifiedOn });
});

// Seeding time is measured by the benchmark (`npm run bench` records seedMs), not asserted here.
test("seeding reports its steps through the log option", async () => {
  const lines: string[] = [];
  await seedDatabase(database.db, { log: (line) => lines.push(line) });
  expect(lines.some((l) => l.startsWith("seed: generated in"))).toBe(true);
  expect(lines.some((l) => l.startsWith("seed: inserted in"))).toBe(true);
});
