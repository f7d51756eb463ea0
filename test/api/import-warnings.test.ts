// The import's warnings (rows accepted but worth a look) and a board's dates through the import, on the steward
// fixture (test/helpers/steward.ts): board E06000001 in force from 2006-04-01, with the incident SIN-T-0001
// notified on 2007-05-03 and three reviews decided on 2007-06-01.
//
// Warnings, worked out by hand (LATE_NOTIFICATION_MONTHS = 3):
//   SIN-W-0001 a qualifying death decided NO_REVIEW, no review, no rationale: UNEXPLAINED_GAP
//   SIN-W-0002 occurred 2007-01-10, notified 2007-04-11 (a day past 2007-04-10): LATE_NOTIFICATION
//   SIN-W-0003 occurred 2007-01-10, notified 2007-04-10 (exactly three months): none
//   SIN-W-0004 a qualifying death decided NO_REVIEW with a rationale: none
import { MAX_STORED_WARNINGS } from "../../src/domain/import/warnings";
import { postImport, runImportCli } from "../helpers/import";
import { startTestServer, type TestServer } from "../helpers/server";
import { createFixture } from "../helpers/steward";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await createFixture(t);
});
afterAll(() => t.close());

const INCIDENT_HEADER = "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand,decision,decisionOn,decisionRationale";
const WARNED = [
  INCIDENT_HEADER,
  "SIN-W-0001,E06000001,2007-02-01,2007-02-02,DEATH,true,UNDER_1,NO_REVIEW,2007-02-20,",
  "SIN-W-0002,E06000001,2007-01-10,2007-04-11,SERIOUS_HARM,true,AGE_1_TO_4,PENDING,,",
  "SIN-W-0003,E06000001,2007-01-10,2007-04-10,SERIOUS_HARM,true,AGE_1_TO_4,PENDING,,",
  "SIN-W-0004,E06000001,2007-02-01,2007-02-02,DEATH,true,UNDER_1,NO_REVIEW,2007-02-20,Synthetic: criteria not met",
];
const EXPECTED_WARNINGS = [
  {
    line: 2,
    column: "decisionRationale",
    code: "UNEXPLAINED_GAP",
    reason:
      "The incident SIN-W-0001 is a qualifying death decided NO_REVIEW with no serious case review and no rationale: it will count as an unexplained gap.",
  },
  {
    line: 3,
    column: "notifiedOn",
    code: "LATE_NOTIFICATION",
    reason:
      "The incident SIN-W-0002 occurred on 2007-01-10 and was notified on 2007-04-11, more than 3 months later: it is counted in the period of its notification.",
  },
];

const csv = (lines: string[], query: Record<string, string>) => postImport(t, lines.join("\n") + "\n", { query: { kind: "incidents", ...query } });

async function written() {
  const db = t.database.db;
  return Promise.all([db.board.findMany({ orderBy: { id: "asc" } }), db.incident.count(), db.auditEvent.count(), db.importBatch.count()]);
}

type Issue = { kind: string; reference: string; since: string; reason: string; importBatchId: number | null };
async function importIssues(): Promise<Issue[]> {
  const r = await t.query<{ dataQuality: { edges: { node: Issue }[] } }, Record<string, never>>(
    "{ dataQuality(kinds: [IMPORT_WITH_WARNINGS, UNEXPLAINED_GAP]) { edges { node { kind reference since reason importBatchId } } } }",
    {},
    { key: t.keys.STEWARD },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.dataQuality.edges.map((e) => e.node);
}

describe("a board's dates, updated by import", () => {
  test("moving inForceTo before the board's incident and reviews is refused, with line, column and reason; nothing is written", async () => {
    const board = await t.database.db.board.findFirstOrThrow({ where: { code: "E06000001" }, include: { region: true } });
    const before = await written();
    const r = await postImport(
      t,
      [
        "code,dfeCode,name,regionCode,inForceFrom,inForceTo",
        `E06000001,${board.dfeCode},${board.name},${board.region.code},${board.inForceFrom},2007-05-02`,
      ].join("\n") + "\n",
      { query: { kind: "boards" } },
    );
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([
      {
        line: 2,
        column: "inForceTo",
        code: "OUT_OF_RANGE",
        reason:
          "The board E06000001 has the incident SIN-T-0001 notified on 2007-05-03, after inForceTo 2007-05-02: a board must be in force on the dates of its incidents and reviews; move or withdraw them first.",
      },
      {
        line: 2,
        column: "inForceTo",
        code: "OUT_OF_RANGE",
        reason:
          "The board E06000001 has the review SCR-T-DONE decided on 2007-06-01, after inForceTo 2007-05-02: a board must be in force on the dates of its incidents and reviews; move or withdraw them first.",
      },
    ]);
    expect(await written()).toEqual(before);
  });

  test("an end that still covers them, to the day, is written", async () => {
    const board = await t.database.db.board.findFirstOrThrow({ where: { code: "E06000001" }, include: { region: true } });
    const r = await postImport(
      t,
      [
        "code,dfeCode,name,regionCode,inForceFrom,inForceTo",
        `E06000001,${board.dfeCode},${board.name},${board.region.code},${board.inForceFrom},2007-06-01`,
      ].join("\n") + "\n",
      { query: { kind: "boards" } },
    );
    expect(r.status).toBe(200);
    expect(r.body.batch).toMatchObject({ updated: 1, warningCount: 0 });
    // Back to open-ended for the tests below (an empty cell clears the date).
    const back = await postImport(
      t,
      [
        "code,dfeCode,name,regionCode,inForceFrom,inForceTo",
        `E06000001,${board.dfeCode},${board.name},${board.region.code},${board.inForceFrom},`,
      ].join("\n") + "\n",
      { query: { kind: "boards" } },
    );
    expect(back.body.batch).toMatchObject({ updated: 1 });
    expect((await t.database.db.board.findFirstOrThrow({ where: { code: "E06000001" } })).inForceTo).toBeNull();
  });
});

describe("imports with warnings", () => {
  let batchId: number;

  test("a dry run reports the warnings and keeps them with its batch, but dataQuality does not list it", async () => {
    const incidents = await t.database.db.incident.count();
    const r = await csv(WARNED, { dryRun: "true", fileName: "warned.csv" });
    expect(r.status).toBe(200);
    expect(r.body.batch).toMatchObject({ dryRun: true, created: 4, warningCount: 2, warnings: EXPECTED_WARNINGS });
    const stored = await t.database.db.importBatch.findUniqueOrThrow({ where: { id: r.body.batch!.id } });
    expect([stored.warningCount, JSON.parse(stored.warnings!)]).toEqual([2, EXPECTED_WARNINGS]);
    expect(await t.database.db.incident.count()).toBe(incidents);
    expect((await importIssues()).filter((i) => i.kind === "IMPORT_WITH_WARNINGS")).toEqual([]);
  });

  test("the file imports; its batch carries the warnings and dataQuality lists the batch", async () => {
    const r = await csv(WARNED, { fileName: "warned.csv" });
    expect(r.status).toBe(200);
    expect(r.body.batch).toMatchObject({ dryRun: false, created: 4, warningCount: 2, warnings: EXPECTED_WARNINGS });
    batchId = r.body.batch!.id;
    const stored = await t.database.db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect([stored.warningCount, JSON.parse(stored.warnings!)]).toEqual([2, EXPECTED_WARNINGS]);
    const today = new Date().toISOString().slice(0, 10);
    // The unexplained gap is also the record's own issue, as every figure counts it.
    expect(await importIssues()).toEqual([
      {
        kind: "UNEXPLAINED_GAP",
        reference: "SIN-W-0001",
        since: "2007-02-02",
        reason: "A qualifying death notified on 2007-02-02, decided NO_REVIEW, with no serious case review and no recorded rationale.",
        importBatchId: null,
      },
      {
        kind: "IMPORT_WITH_WARNINGS",
        reference: `batch ${batchId}`,
        since: today,
        reason: `The import of warned.csv (4 incidents rows) on ${today} was accepted with 2 warnings (UNEXPLAINED_GAP, LATE_NOTIFICATION): rows worth a look; the batch lists them.`,
        importBatchId: batchId,
      },
    ]);
  });

  test("the same file again changes nothing and so warns of nothing", async () => {
    const r = await csv(WARNED, {});
    expect(r.body.batch).toMatchObject({ unchanged: 4, warningCount: 0, warnings: [] });
  });

  test("a clean file has no warnings; its batch stores none and is not listed", async () => {
    const r = await csv([INCIDENT_HEADER, "SIN-W-0010,E06000001,2007-03-01,2007-03-02,SERIOUS_HARM,true,AGE_1_TO_4,PENDING,,"], {});
    expect(r.status).toBe(200);
    expect(r.body.batch).toMatchObject({ created: 1, warningCount: 0, warnings: [] });
    const stored = await t.database.db.importBatch.findUniqueOrThrow({ where: { id: r.body.batch!.id } });
    expect([stored.warningCount, stored.warnings]).toEqual([0, null]);
    expect((await importIssues()).filter((i) => i.kind === "IMPORT_WITH_WARNINGS").map((i) => i.importBatchId)).toEqual([batchId]);
  });

  test(`an update that makes a row worth a look warns; beyond ${MAX_STORED_WARNINGS} warnings only their number is kept`, async () => {
    // 101 late notifications, as a dry run: the first 100 are listed and stored, the count is 101.
    const rows = Array.from(
      { length: MAX_STORED_WARNINGS + 1 },
      (_, i) => `SIN-W-${String(1000 + i)},E06000001,2007-01-01,2007-06-01,SERIOUS_HARM,true,AGE_1_TO_4,PENDING,,`,
    );
    const r = await csv([INCIDENT_HEADER, ...rows], { dryRun: "true" });
    expect(r.body.batch).toMatchObject({ created: MAX_STORED_WARNINGS + 1, warningCount: MAX_STORED_WARNINGS + 1 });
    const warnings = r.body.batch!.warnings as { line: number; code: string }[];
    expect(warnings.map((w) => w.line)).toEqual(Array.from({ length: MAX_STORED_WARNINGS }, (_, i) => i + 2));
    const stored = await t.database.db.importBatch.findUniqueOrThrow({ where: { id: r.body.batch!.id } });
    expect([stored.warningCount, (JSON.parse(stored.warnings!) as unknown[]).length]).toEqual([MAX_STORED_WARNINGS + 1, MAX_STORED_WARNINGS]);
    // An update (SIN-W-0010 notified late now) warns like a create.
    const update = await csv([INCIDENT_HEADER, "SIN-W-0010,E06000001,2006-11-01,2007-03-02,SERIOUS_HARM,true,AGE_1_TO_4,PENDING,,"], {});
    expect(update.body.batch).toMatchObject({ updated: 1, warningCount: 1 });
    expect((update.body.batch!.warnings as { line: number; code: string }[]).map((w) => [w.line, w.code])).toEqual([[2, "LATE_NOTIFICATION"]]);
  });

  test("the command line prints each warning and their number in the summary", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scr-warn-")), "warned.csv");
    fs.writeFileSync(file, [INCIDENT_HEADER, "SIN-W-0020,E06000001,2007-01-10,2007-04-11,SERIOUS_HARM,true,AGE_1_TO_4,PENDING,,"].join("\n") + "\n");
    const ran = await runImportCli(t.database, [file, "--kind", "incidents", "--dry-run"]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      "warning: line 2, column notifiedOn: The incident SIN-W-0020 occurred on 2007-01-10 and was notified on 2007-04-11, more than 3 months later: it is counted in the period of its notification. [LATE_NOTIFICATION]\n",
    );
    expect(ran.stdout).toMatch(/created 1, updated 0, unchanged 0, withdrawn 0, warnings 1, seconds \d/);
  });
});
