// `npm run import` as a real process against a test database: creates then unchanged, a dry run, a file with
// problems (exit 1, every problem on stderr, nothing written), and a process killed with SIGKILL in the middle
// of its write transaction, after which the database is exactly as before and the next import goes through.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeIncidentFile } from "../../bench/import-file";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";
import { boardsInForce, digest, runImportCli, spawnImport, summaryOf } from "../helpers/import";

// Each test runs real processes or large files; a busy machine (CI runs two files at once) can take minutes.
jest.setTimeout(240_000);

let database: TestDatabase;
let boards: string[];
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  boards = await boardsInForce(database.db, 5);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-import-cli-"));
});
afterAll(async () => {
  await database.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand";

function file(name: string, lines: string[]): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, lines.join("\n") + "\n");
  return full;
}

it("creates the rows of a file, then leaves them unchanged when it is imported again", async () => {
  const csv = file("new.csv", [
    HEADER,
    `C-NEW-1,${boards[0]},2007-04-01,2007-04-02,DEATH,true,UNDER_1`,
    `C-NEW-2,${boards[1]},2007-04-03,2007-04-05,SERIOUS_HARM,false,AGE_1_TO_4`,
  ]);
  const first = await runImportCli(database, [csv, "--kind", "incidents"]);
  expect(first.code).toBe(0);
  expect(summaryOf(first.stdout)).toMatchObject({ created: 2, updated: 0, unchanged: 0, withdrawn: 0 });
  expect(await database.db.incident.count({ where: { reference: { startsWith: "C-NEW-" } } })).toBe(2);
  const batch = await database.db.importBatch.findFirstOrThrow({ orderBy: { id: "desc" } });
  expect(batch).toMatchObject({ fileName: "new.csv", rows: 2, created: 2, channel: "cli", actorKeyId: null, dryRun: false });
  expect(batch.actor).toMatch(/^cli/);

  const again = await runImportCli(database, [csv, "--kind", "incidents"]);
  expect(again.code).toBe(0);
  expect(summaryOf(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 2, withdrawn: 0 });
});

it("a dry run reports the counts and writes nothing but its batch", async () => {
  const csv = file("dry.csv", [
    "# kind: incidents",
    HEADER,
    `C-DRY-1,${boards[2]},2007-04-01,2007-04-02,DEATH,true,UNDER_1`,
    `C-NEW-1,${boards[0]},2007-04-01,2007-04-02,NOT_KNOWN,true,UNDER_1`,
  ]);
  const incidents = await database.db.incident.findMany({ orderBy: { id: "asc" } });
  const run = await runImportCli(database, [csv, "--dry-run"]);
  expect(run.code).toBe(0);
  expect(summaryOf(run.stdout)).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
  expect(run.stdout).toContain("Dry run");
  expect(await database.db.incident.findMany({ orderBy: { id: "asc" } })).toEqual(incidents);
  expect(await database.db.importBatch.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({ dryRun: true, created: 1, updated: 1 });
});

it("a file with problems: every one on stderr with its line and column, exit 1, nothing written", async () => {
  const csv = file("bad.csv", [
    HEADER,
    `C-BAD-1,${boards[0]},2007-04-01,2007-04-02,DEATH,true,UNDER_1`,
    `C-BAD-2,${boards[0]},2007-04-01,2007-03-02,DEATH,true,UNDER_1`,
    `C-BAD-3,${boards[0]},2007-04-01,2007-04-02,DEATH,true,TEENAGER`,
  ]);
  const before = await digest(database.db);
  const run = await runImportCli(database, [csv, "--kind", "incidents"]);
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split("\n");
  expect(lines.filter((l) => l.startsWith("line ")).map((l) => l.split(":")[0])).toEqual([
    "line 3, column notifiedOn",
    "line 4, column childAgeBand",
  ]);
  expect(lines.at(-1)).toBe("The file has 2 problems; nothing was written.");
  expect(await digest(database.db)).toBe(before);
});

it("a usage error: exit 2 with the usage", async () => {
  const run = await runImportCli(database, [path.join(dir, "absent.csv")]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("usage: npm run import");
});

it("killed with SIGKILL in the middle of writing, leaves the database exactly as before", async () => {
  const big = path.join(dir, "big.csv");
  const rows = 5000;
  await writeIncidentFile(big, rows, boards, "KILL");
  const before = await digest(database.db);
  const child = spawnImport(database, [big, "--kind", "incidents"]);
  let stderr = "";
  let stdout = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  // The command says when rows have been written inside its (uncommitted) transaction: kill it then.
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (/written \d+ of 5000 rows/.test(stderr)) resolve();
    });
    child.on("close", () => reject(new Error(`the import ended before it was killed:\n${stdout}\n${stderr}`)));
  });
  child.kill("SIGKILL");
  expect(await ended).toEqual({ code: null, signal: "SIGKILL" });
  expect(stdout).not.toContain("created ");
  expect(await digest(database.db)).toBe(before);
  expect(await database.db.incident.count({ where: { reference: { startsWith: "KILL-" } } })).toBe(0);

  // Nothing is left locked or half-written: the next import goes through.
  const next = await runImportCli(database, [
    file("after.csv", [HEADER, `C-AFTER-1,${boards[0]},2007-04-01,2007-04-02,DEATH,true,UNDER_1`]),
    "--kind",
    "incidents",
  ]);
  expect(next.code).toBe(0);
  expect(summaryOf(next.stdout).created).toBe(1);
});
