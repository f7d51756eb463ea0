// The import of boards, populations, authors, competencies and authorships through POST /import, on the
// steward fixture (test/helpers/steward-cases.ts). Every validation case the create mutations are tested with
// is sent as an import row too (a record the API refuses cannot arrive by import), plus the rules only an import
// can break (enum values as text); then each kind is created, found unchanged, updated and withdrawn, with one
// history entry per change naming the batch.
import type { RecordKindName } from "../../src/domain/records";
import { IMPORT_KINDS } from "../../src/domain/import/kinds";
import { postImport } from "../helpers/import";
import { startTestServer, type TestServer } from "../helpers/server";
import { createFixture } from "../helpers/steward";
import { CASES, VALID } from "../helpers/steward-cases";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await createFixture(t);
});
afterAll(() => t.close());

const KIND_OF: Record<RecordKindName, string> = {
  board: "boards",
  population: "populations",
  incident: "incidents",
  review: "reviews",
  evaluation: "evaluations",
  finding: "findings",
  author: "authors",
  competency: "competencies",
  authorship: "authorships",
};

/** Rows of every stewarded table, the audit log and the batches: a refused import changes none of them. */
async function counts() {
  const db = t.database.db;
  return Promise.all([
    db.board.count(),
    db.childPopulation.count(),
    db.incident.count(),
    db.review.count(),
    db.reviewAgency.count(),
    db.evaluation.count(),
    db.finding.count(),
    db.author.count(),
    db.competency.count(),
    db.authorship.count(),
    db.auditEvent.count(),
    db.importBatch.count(),
  ]);
}

const jsonLine = (kind: RecordKindName, row: Record<string, unknown>) =>
  postImport(t, JSON.stringify(row) + "\n", { contentType: "application/x-ndjson", query: { kind: KIND_OF[kind] } });

const csv = (kind: string, lines: string[]) => postImport(t, lines.join("\n") + "\n", { query: { kind } });

describe("every validation rule, broken through the import", () => {
  let before: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    before = await counts();
  });
  afterAll(async () => {
    expect(await counts()).toEqual(before);
  });

  // A clash of natural keys is a create's rule: the import matches the row to the stored record and updates it.
  const importable = CASES.filter(
    (c) => !(c.expect[1] === "ALREADY_EXISTS" && IMPORT_KINDS.get(KIND_OF[c.kind])!.keyColumns.includes(String(c.expect[0][0]))),
  );

  test("each kind has its cases, and every case but a create's key clash is sent", () => {
    expect(new Set(importable.map((c) => c.kind))).toEqual(new Set(Object.keys(KIND_OF)));
    expect(CASES.length - importable.length).toBe(5);
  });

  test.each(importable.map((c) => [`${c.kind}: ${c.rule}`, c] as const))("%s", async (_name, c) => {
    const response = await jsonLine(c.kind, { ...VALID[c.kind], ...c.change });
    expect(response.status).toBe(422);
    const [path, code] = c.expect;
    expect(response.body.problems!.map((p) => [p.line, p.column, p.code])).toContainEqual([1, String(path[0]), code]);
  });

  // The new kinds' other rules. Enum values: through the API these are enum arguments the schema refuses; a file
  // carries them as text, for the validator.
  test.each([
    ["board", { regionCode: "North East" }, "regionCode", "INVALID_FORMAT"],
    ["board", { inForceFrom: "2006-13-01" }, "inForceFrom", "INVALID_FORMAT"],
    ["board", { inForceTo: "soon" }, "inForceTo", "INVALID_FORMAT"],
    ["population", { boardCode: "Hartlepool" }, "boardCode", "INVALID_FORMAT"],
    ["population", { approximate: "yes" }, "approximate", "INVALID_FORMAT"],
    ["population", { source: "s".repeat(201) }, "source", "OUT_OF_RANGE"],
    ["author", { displayName: "" }, "displayName", "REQUIRED"],
    ["author", { background: "PLUMBING" }, "background", "NOT_ALLOWED"],
    ["competency", { authorReference: "aut 1" }, "authorReference", "INVALID_FORMAT"],
    ["competency", { attainedOn: "2999-01-01" }, "attainedOn", "OUT_OF_RANGE"],
    ["competency", { area: "JUGGLING", years: null }, "area", "NOT_ALLOWED"],
    ["competency", { area: "REVIEW_METHODOLOGY", years: null, level: "EXPERT" }, "level", "NOT_ALLOWED"],
    ["authorship", { reviewReference: "scr 1" }, "reviewReference", "INVALID_FORMAT"],
    ["authorship", { authorReference: "aut 1" }, "authorReference", "INVALID_FORMAT"],
    ["authorship", { role: "EDITOR" }, "role", "NOT_ALLOWED"],
  ] as const)("%s with %j: %s %s", async (kind, change, column, code) => {
    const response = await jsonLine(kind, { ...VALID[kind], ...change });
    expect(response.status).toBe(422);
    expect(response.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([[1, column, code]]);
  });

  test("a CSV of populations with a year that is not a number, and an author with independence not true or false", async () => {
    const populations = await csv("populations", ["boardCode,year,children,approximate,source", "E06000001,2009a,100,true,estimate"]);
    expect(populations.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([[2, "year", "INVALID_FORMAT"]]);
    const authors = await csv("authors", ["reference,displayName,background,independent", "AUT-T-0300,D. Person,HEALTH,maybe"]);
    expect(authors.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([[2, "independent", "INVALID_FORMAT"]]);
  });
});

/** The history entries a batch wrote: [action, entity, entityId] in the order written. */
async function historyOf(batchId: number) {
  const rows = await t.database.db.auditEvent.findMany({ where: { importBatchId: batchId }, orderBy: { id: "asc" } });
  return rows.map((r) => [r.action, r.entity, r.entityId, r.via]);
}

describe("created, unchanged, updated and withdrawn, one history entry per change", () => {
  test("boards: a new one created, the fixture's unchanged, then renamed; a DfE number another board has is refused", async () => {
    const header = "code,dfeCode,name,regionCode,inForceFrom,inForceTo";
    const first = await csv("boards", [
      header,
      "E06000003,807,Redcar and Cleveland LSCB,E12000001,2006-04-01,",
      "E06000001,805,Hartlepool LSCB,E12000001,2006-04-01,",
    ]);
    expect(first.body.batch).toMatchObject({ rows: 2, created: 1, unchanged: 1, updated: 0, withdrawn: 0 });
    const created = await t.database.db.board.findUniqueOrThrow({ where: { code: "E06000003" }, include: { region: true } });
    expect([created.dfeCode, created.name, created.region.code, created.inForceTo, created.version]).toEqual([
      "807",
      "Redcar and Cleveland LSCB",
      "E12000001",
      null,
      1,
    ]);
    expect(await historyOf(first.body.batch!.id)).toEqual([["record.create", "Board", String(created.id), "import"]]);

    const renamed = await csv("boards", [header, "E06000001,805,Hartlepool Safeguarding Children Board,E12000001,2006-04-01,"]);
    expect(renamed.body.batch).toMatchObject({ rows: 1, updated: 1 });
    const hartlepool = await t.database.db.board.findUniqueOrThrow({ where: { code: "E06000001" } });
    expect([hartlepool.name, hartlepool.version]).toEqual(["Hartlepool Safeguarding Children Board", 2]);
    const [entry] = await t.database.db.auditEvent.findMany({ where: { importBatchId: renamed.body.batch!.id } });
    expect([JSON.parse(entry!.before!), JSON.parse(entry!.after!)]).toEqual([
      { name: "Hartlepool LSCB" },
      { name: "Hartlepool Safeguarding Children Board" },
    ]);

    const clash = await csv("boards", [
      header,
      "E06000004,807,Stockton LSCB,E12000001,2006-04-01,",
      "E06000005,900,Darlington LSCB,E12000001,2006-04-01,",
      "E06000006,900,Halton LSCB,E12000001,2006-04-01,",
    ]);
    expect(clash.status).toBe(422);
    expect(clash.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, "dfeCode", "ALREADY_EXISTS"],
      [4, "dfeCode", "ALREADY_EXISTS"],
    ]);
    expect(clash.body.problems![0]!.reason).toContain("E06000003");
  });

  test("populations: matched by board and year", async () => {
    const header = "boardCode,year,children,approximate,source";
    const first = await csv("populations", [
      header,
      "E06000001,2007,20000,true,test estimate",
      "E06000001,2008,20500,false,ONS mid-2008",
      "E06000003,2007,31000,false,ONS mid-2007",
    ]);
    expect(first.body.batch).toMatchObject({ rows: 3, created: 2, unchanged: 1 });
    const again = await csv("populations", [header, "E06000001,2008,20600,false,ONS mid-2008 revised"]);
    expect(again.body.batch).toMatchObject({ rows: 1, updated: 1 });
    const stored = await t.database.db.childPopulation.findMany({ where: { board: { code: "E06000001" } }, orderBy: { year: "asc" } });
    expect(stored.map((p) => [p.year, p.children, p.approximate, p.source, p.version])).toEqual([
      [2007, 20000, true, "test estimate", 1],
      [2008, 20600, false, "ONS mid-2008 revised", 2],
    ]);
    expect((await historyOf(first.body.batch!.id)).map((h) => h[0])).toEqual(["record.create", "record.create"]);
  });

  test("authors, their competencies and authorships", async () => {
    const authors = await csv("authors", [
      "reference,displayName,background,independent",
      "AUT-T-0001,A. Writer,SOCIAL_WORK,true",
      "AUT-T-0200,C. Chair,POLICE,false",
    ]);
    expect(authors.body.batch).toMatchObject({ rows: 2, created: 1, unchanged: 1 });
    const independent = await postImport(t, JSON.stringify({ reference: "AUT-T-0200", independent: true }) + "\n", {
      contentType: "application/x-ndjson",
      query: { kind: "authors" },
    });
    expect(independent.body.batch).toMatchObject({ rows: 1, updated: 1 });
    const chair = await t.database.db.author.findUniqueOrThrow({ where: { reference: "AUT-T-0200" } });
    expect([chair.displayName, chair.background, chair.independent, chair.version]).toEqual(["C. Chair", "POLICE", true, 2]);

    const header = "authorReference,area,level,years,attainedOn,expiresOn";
    const competencies = await csv("competencies", [
      header,
      "AUT-T-0001,REVIEW_METHODOLOGY,TRAINED,,2005-01-01,",
      "AUT-T-0001,REVIEW_METHODOLOGY,ACCREDITED,,2007-01-01,",
      "AUT-T-0200,CHILD_PROTECTION_PRACTICE,,12,2001-01-01,",
    ]);
    expect(competencies.body.batch).toMatchObject({ rows: 3, created: 2, unchanged: 1 });
    const lapsed = await csv("competencies", [header, "AUT-T-0001,REVIEW_METHODOLOGY,TRAINED,,2005-01-01,2007-01-01"]);
    expect(lapsed.body.batch).toMatchObject({ rows: 1, updated: 1 });
    const held = await t.database.db.competency.findMany({ where: { author: { reference: "AUT-T-0001" } }, orderBy: { attainedOn: "asc" } });
    expect(held.map((c) => [c.area, c.level, c.attainedOn, c.expiresOn, c.version])).toEqual([
      ["REVIEW_METHODOLOGY", "TRAINED", "2005-01-01", "2007-01-01", 2],
      ["REVIEW_METHODOLOGY", "ACCREDITED", "2007-01-01", null, 1],
    ]);

    const rows = ["reviewReference,authorReference,role", "SCR-T-DONE,AUT-T-0001,OVERVIEW_AUTHOR", "SCR-T-DONE,AUT-T-0200,PANEL_CHAIR"];
    const authorships = await csv("authorships", rows);
    expect(authorships.body.batch).toMatchObject({ rows: 2, created: 2 });
    expect((await historyOf(authorships.body.batch!.id)).map((h) => [h[0], h[1]])).toEqual([
      ["record.create", "Authorship"],
      ["record.create", "Authorship"],
    ]);
    const again = await csv("authorships", rows);
    expect(again.body.batch).toMatchObject({ rows: 2, unchanged: 2, created: 0 });
    expect(await historyOf(again.body.batch!.id)).toEqual([]);
  });

  test("withdrawals: refused while current records name the record; allowed once they are gone", async () => {
    const inUse = await csv("authors", ["reference,displayName,background,independent,withdrawnReason", "AUT-T-0200,,,,Entered twice"]);
    expect(inUse.status).toBe(422);
    expect(inUse.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([[2, "reference", "IN_USE"]]);
    expect(inUse.body.problems![0]!.reason).toMatch(/1 current authorship, 1 current competency/);

    const authorship = await csv("authorships", [
      "reviewReference,authorReference,role,withdrawnReason",
      "SCR-T-DONE,AUT-T-0200,PANEL_CHAIR,Entered twice",
    ]);
    const competency = await csv("competencies", [
      "authorReference,area,level,years,attainedOn,expiresOn,withdrawnReason",
      "AUT-T-0200,CHILD_PROTECTION_PRACTICE,,,2001-01-01,,Entered twice",
    ]);
    const author = await csv("authors", ["reference,displayName,background,independent,withdrawnReason", "AUT-T-0200,,,,Entered twice"]);
    for (const r of [authorship, competency, author]) expect(r.body.batch).toMatchObject({ rows: 1, withdrawn: 1 });
    const gone = await t.database.db.author.findUniqueOrThrow({ where: { reference: "AUT-T-0200" } });
    expect([gone.withdrawnReason, gone.withdrawnBy, gone.version]).toEqual(["Entered twice", "test STEWARD", 3]);
    expect(await historyOf(author.body.batch!.id)).toEqual([["record.withdraw", "Author", String(gone.id), "import"]]);

    const board = await csv("boards", ["code,dfeCode,name,regionCode,inForceFrom,withdrawnReason", "E06000003,,,,,Not a board of ours"]);
    expect(board.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([[2, "code", "IN_USE"]]);
    const population = await csv("populations", [
      "boardCode,year,children,approximate,source,withdrawnReason",
      "E06000003,2007,,,,Not a board of ours",
    ]);
    expect(population.body.batch).toMatchObject({ withdrawn: 1 });
    const boardAgain = await csv("boards", ["code,dfeCode,name,regionCode,inForceFrom,withdrawnReason", "E06000003,,,,,Not a board of ours"]);
    expect(boardAgain.body.batch).toMatchObject({ withdrawn: 1 });
    expect((await t.database.db.board.findUniqueOrThrow({ where: { code: "E06000003" } })).withdrawnAt).not.toBeNull();
    // A withdrawn board is named by no new record.
    const onWithdrawn = await csv("populations", ["boardCode,year,children,approximate,source", "E06000003,2008,31500,false,ONS mid-2008"]);
    expect(onWithdrawn.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([[2, "boardCode", "WITHDRAWN"]]);
  });
});
