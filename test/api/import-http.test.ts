// POST /import through the real HTTP server, on the seeded database: creates, re-import unchanged, an update, a
// dry run, a file with problems on several lines, each CSV problem, JSON Lines, and the roles refused. After
// every refusal the database is shown unchanged (a digest of everything an import could write).
import { createHash } from "node:crypto";
import { startTestServer, type TestServer } from "../helpers/server";
import { boardsInForce, digest, postImport } from "../helpers/import";

// Each test runs real processes or large files; a busy machine (CI runs two files at once) can take minutes.
jest.setTimeout(240_000);

let t: TestServer;
let boards: string[];
const HEADER = "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand,decision,decisionOn,decisionRationale";

beforeAll(async () => {
  t = await startTestServer({ seeded: true });
  boards = await boardsInForce(t.database.db, 2);
});
afterAll(() => t.close());

const incidentsQuery = `query ($refs: [String!]!) {
  incidents(first: 10, where: { reference: { in: $refs } }, orderBy: [{ field: REFERENCE, direction: ASC }]) {
    totalCount
    edges { node { reference board { code } occurredOn notifiedOn nature abuseOrNeglectSuspected decision decisionOn } }
  }
}`;

async function incidentsNamed(refs: string[]) {
  const result = await t.query<{ incidents: { totalCount: number; edges: { node: Record<string, unknown> }[] } }, { refs: string[] }>(
    incidentsQuery,
    {
      refs,
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.incidents;
}

describe("a valid file", () => {
  const file = () =>
    [
      HEADER,
      `T-NEW-001,${boards[0]},2007-05-01,2007-05-03,DEATH,true,UNDER_1,,,`,
      `T-NEW-002,${boards[1]},2007-06-10,2007-06-11,SERIOUS_HARM,false,AGE_5_TO_9,NO_REVIEW,2007-07-01,"Reviewed by the panel, no SCR"`,
      `T-NEW-003,${boards[0]},2007-07-01,2007-07-02,NOT_KNOWN,true,AGE_16_TO_17,,,`,
      "",
    ].join("\n");

  it("creates every row, records the batch and a history entry per record naming it", async () => {
    const text = file();
    const response = await postImport(t, text, { query: { kind: "incidents", fileName: "march.csv" } });
    expect(response.status).toBe(200);
    expect(response.body.batch).toMatchObject({ kind: "incidents", rows: 3, created: 3, updated: 0, unchanged: 0, withdrawn: 0, dryRun: false });
    const listed = await incidentsNamed(["T-NEW-001", "T-NEW-002", "T-NEW-003"]);
    expect(listed.totalCount).toBe(3);
    expect(listed.edges[1]!.node).toEqual({
      reference: "T-NEW-002",
      board: { code: boards[1] },
      occurredOn: "2007-06-10",
      notifiedOn: "2007-06-11",
      nature: "SERIOUS_HARM",
      abuseOrNeglectSuspected: false,
      decision: "NO_REVIEW",
      decisionOn: "2007-07-01",
    });
    expect(listed.edges[0]!.node.decision).toBe("PENDING");
    const batch = await t.database.db.importBatch.findUniqueOrThrow({ where: { id: response.body.batch!.id } });
    expect(batch).toMatchObject({
      fileName: "march.csv",
      format: "csv",
      checksum: createHash("sha256").update(text).digest("hex"),
      bytes: Buffer.byteLength(text),
      rows: 3,
      created: 3,
      dryRun: false,
      actor: "test STEWARD",
      actorRole: "STEWARD",
      channel: "http",
    });
    const history = await t.database.db.auditEvent.findMany({ where: { importBatchId: batch.id }, orderBy: { id: "asc" } });
    const ids = (await t.database.db.incident.findMany({ where: { reference: { startsWith: "T-NEW-" } }, orderBy: { reference: "asc" } })).map((i) =>
      String(i.id),
    );
    expect(history.map((h) => [h.entity, h.entityId, h.via])).toEqual(ids.map((id) => ["Incident", id, "import"]));
  });

  it("imported again, leaves every record unchanged and writes no history", async () => {
    const before = await t.database.db.incident.findMany({ where: { reference: { startsWith: "T-NEW-" } }, orderBy: { id: "asc" } });
    const response = await postImport(t, file(), { query: { kind: "incidents" } });
    expect(response.status).toBe(200);
    expect(response.body.batch).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, withdrawn: 0 });
    expect(await t.database.db.incident.findMany({ where: { reference: { startsWith: "T-NEW-" } }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await t.database.db.auditEvent.count({ where: { importBatchId: response.body.batch!.id } })).toBe(0);
  });

  it("updates a changed row only, moving its version on; a column the file lacks keeps its stored value", async () => {
    // No decision columns: T-NEW-002 keeps NO_REVIEW; T-NEW-003's nature changes.
    const text = [
      "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand",
      `T-NEW-002,${boards[1]},2007-06-10,2007-06-11,SERIOUS_HARM,false,AGE_5_TO_9`,
      `T-NEW-003,${boards[0]},2007-07-01,2007-07-02,DEATH,true,AGE_16_TO_17`,
    ].join("\n");
    const response = await postImport(t, text, { query: { kind: "incidents" } });
    expect(response.status).toBe(200);
    expect(response.body.batch).toMatchObject({ rows: 2, created: 0, updated: 1, unchanged: 1 });
    const [two, three] = await t.database.db.incident.findMany({
      where: { reference: { in: ["T-NEW-002", "T-NEW-003"] } },
      orderBy: { reference: "asc" },
    });
    expect([two!.decision, two!.version, three!.nature, three!.version]).toEqual(["NO_REVIEW", 1, "DEATH", 2]);
    const history = await t.database.db.auditEvent.findMany({ where: { importBatchId: response.body.batch!.id } });
    expect(history).toHaveLength(1);
    expect([history[0]!.entityId, JSON.parse(history[0]!.before!), JSON.parse(history[0]!.after!)]).toEqual([
      String(three!.id),
      { nature: "NOT_KNOWN" },
      { nature: "DEATH" },
    ]);
  });

  it("a dry run counts what it would do, writes nothing but its batch", async () => {
    const text = [
      HEADER,
      `T-DRY-001,${boards[0]},2007-05-01,2007-05-03,DEATH,true,UNDER_1,,,`,
      `T-NEW-001,${boards[0]},2007-05-01,2007-05-04,DEATH,true,UNDER_1,,,`,
    ].join("\n");
    const incidentsBefore = await t.database.db.incident.findMany({ orderBy: { id: "asc" } });
    const response = await postImport(t, text, { query: { kind: "incidents", dryRun: "true" } });
    expect(response.status).toBe(200);
    expect(response.body.batch).toMatchObject({ rows: 2, created: 1, updated: 1, unchanged: 0, dryRun: true });
    expect(await t.database.db.incident.findMany({ orderBy: { id: "asc" } })).toEqual(incidentsBefore);
    expect(await t.database.db.auditEvent.count({ where: { importBatchId: response.body.batch!.id } })).toBe(0);
    expect(await t.database.db.importBatch.findUniqueOrThrow({ where: { id: response.body.batch!.id } })).toMatchObject({
      dryRun: true,
      created: 1,
      updated: 1,
    });
  });

  it("reads JSON Lines, the kind named by the first line", async () => {
    const lines = [
      "# kind: incidents",
      JSON.stringify({
        reference: "T-JSON-001",
        boardCode: boards[1],
        occurredOn: "2008-01-05",
        notifiedOn: "2008-01-06",
        nature: "DEATH",
        abuseOrNeglectSuspected: true,
        childAgeBand: "UNDER_1",
      }),
    ];
    const response = await postImport(t, lines.join("\n") + "\n", { contentType: "application/x-ndjson" });
    expect(response.status).toBe(200);
    expect(response.body.batch).toMatchObject({ kind: "incidents", format: "jsonl", rows: 1, created: 1 });
    expect((await incidentsNamed(["T-JSON-001"])).edges[0]!.node).toMatchObject({
      nature: "DEATH",
      abuseOrNeglectSuspected: true,
      notifiedOn: "2008-01-06",
    });
  });
});

/** Posts a file that must be refused with exactly these problems (line, column, code), and shows nothing changed. */
async function refused(
  body: string | Buffer,
  expected: [number | null, string | null, string][],
  query: Record<string, string> = { kind: "incidents" },
) {
  const before = await digest(t.database.db);
  const response = await postImport(t, body, { query });
  expect(response.status).toBe(422);
  expect(response.body.errors![0]!.extensions.code).toBe("BAD_USER_INPUT");
  expect(response.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual(expected);
  for (const p of response.body.problems!) expect(p.reason.length).toBeGreaterThan(20);
  expect(await digest(t.database.db)).toBe(before);
  return response.body;
}

describe("a file with problems writes nothing and reports every one", () => {
  it("problems on several lines, each with its line and column", async () => {
    const b = boards[0];
    await refused(
      [
        HEADER,
        `T-ERR-001,${b},2007-02-30,2007-03-01,DEATH,true,UNDER_1,,,`,
        `T-ERR-002,E99999999,2007-03-01,2007-03-02,DEATH,true,UNDER_1,,,`,
        `T-ERR-003,${b},2007-03-05,2007-03-01,DEATH,true,UNDER_1,,,`,
        `T-ERR-004,${b},2007-03-01,2007-03-02,DEATH,maybe,UNDER_1,,,`,
        `T-ERR-005,${b},2007-03-01,2007-03-02,FIRE,true,UNDER_1,,,`,
        `T-ERR-006,${b},2007-03-01,2007-03-02,DEATH,true,UNDER_1,,,`,
        `T-ERR-007,${b},2007-03-01,2007-03-02,DEATH,true,UNDER_1,NO_REVIEW,,`,
      ].join("\n"),
      [
        [2, "occurredOn", "INVALID_FORMAT"],
        [3, "boardCode", "NOT_FOUND"],
        [4, "notifiedOn", "DATE_ORDER"],
        [5, "abuseOrNeglectSuspected", "INVALID_FORMAT"],
        [6, "nature", "NOT_ALLOWED"],
        [8, "decisionOn", "REQUIRED"],
      ],
    );
  });

  it("a missing column", async () => {
    await refused(`reference,boardCode,occurredOn,notifiedOn,nature,childAgeBand\nT-X-1,${boards[0]},2007-03-01,2007-03-02,DEATH,UNDER_1\n`, [
      [1, "abuseOrNeglectSuspected", "MISSING_COLUMN"],
    ]);
  });

  it("an unknown column", async () => {
    await refused(`${HEADER},childName\nT-X-1,${boards[0]},2007-03-01,2007-03-02,DEATH,true,UNDER_1,,,,Alice\n`, [
      [1, "childName", "UNKNOWN_COLUMN"],
    ]);
  });

  it("a bad encoding: every line holding bytes that are not UTF-8", async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\nT-X-1,${boards[0]},2007-03-01,2007-03-02,DEATH,true,UNDER_1,NO_REVIEW,2007-03-10,`),
      Buffer.from([0x43, 0x61, 0x66, 0xe9]), // "Café" in Latin-1
      Buffer.from(
        `\nT-X-2,${boards[0]},2007-03-01,2007-03-02,DEATH,true,UNDER_1,,,\nT-X-3,${boards[0]},2007-03-01,2007-03-02,DEATH,true,UNDER_1,NO_REVIEW,2007-03-10,`,
      ),
      Buffer.from([0x93, 0x71, 0x94]), // Windows-1252 quotes
      Buffer.from("\n"),
    ]);
    await refused(latin1, [
      [2, null, "INVALID_UTF8"],
      [4, null, "INVALID_UTF8"],
    ]);
  });

  it("a natural key twice in the file", async () => {
    const row = `${boards[0]},2007-03-01,2007-03-02,DEATH,true,UNDER_1,,,`;
    const body = await refused([HEADER, `T-DUP-1,${row}`, `T-DUP-2,${row}`, `T-DUP-1,${row}`].join("\n"), [[4, "reference", "DUPLICATE_KEY"]]);
    expect(body.problems![0]!.reason).toContain("line 2");
  });

  it("10 MB of garbage: refused with its problems capped at 1000 and counted", async () => {
    // Deterministic bytes (a linear congruential generator), so the test is the same every run.
    const garbage = Buffer.alloc(10 * 1024 * 1024);
    let x = 12345;
    for (let i = 0; i < garbage.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      garbage[i] = x >> 16;
    }
    const before = await digest(t.database.db);
    const response = await postImport(t, garbage, { query: { kind: "incidents" } });
    expect(response.status).toBe(422);
    expect(response.body.problems).toHaveLength(1000);
    expect(response.body.problemCount).toBeGreaterThan(1000);
    expect(response.body.unreported).toBe(response.body.problemCount! - 1000);
    expect(response.body.problems!.some((p) => p.code === "INVALID_UTF8")).toBe(true);
    expect(await digest(t.database.db)).toBe(before);
  });

  it("no kind named anywhere, or an unknown one", async () => {
    await refused(`${HEADER}\n`, [[null, null, "KIND_REQUIRED"]], {});
    await refused(`${HEADER}\n`, [[null, null, "UNKNOWN_KIND"]], { kind: "children" });
  });
});

describe("who may import", () => {
  const text = () => `${HEADER}\nT-ROLE-1,${boards[0]},2007-03-01,2007-03-02,DEATH,true,UNDER_1,,,\n`;

  it.each(["ANALYST", "PARTNER"] as const)("a %s key is refused with 403 and nothing is written", async (role) => {
    const before = await digest(t.database.db);
    const response = await postImport(t, text(), { key: t.keys[role], query: { kind: "incidents" } });
    expect(response.status).toBe(403);
    expect(response.body.errors![0]!.extensions.code).toBe("FORBIDDEN");
    expect(response.body.errors![0]!.message).toContain("STEWARD or ADMIN");
    const after = await digest(t.database.db);
    if (role === "ANALYST") expect(after).toBe(before);
    else {
      // A research partner's refusal is recorded in the audit log, as all its requests are; nothing else changes.
      const last = await t.database.db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect([last.action, last.actor, JSON.parse(last.after!).status]).toEqual(["request.partner", "test PARTNER", 403]);
      expect(JSON.parse(after).incidents).toEqual(JSON.parse(before).incidents);
    }
  });

  it("no key: 401", async () => {
    const before = await digest(t.database.db);
    const response = await postImport(t, text(), { key: null, query: { kind: "incidents" } });
    expect(response.status).toBe(401);
    expect(await digest(t.database.db)).toBe(before);
  });

  it("an ADMIN key may import", async () => {
    const response = await postImport(t, text(), { key: t.keys.ADMIN, query: { kind: "incidents" } });
    expect([response.status, response.body.batch?.created]).toEqual([200, 1]);
  });

  it("a body of another type: 415", async () => {
    const response = await postImport(t, text(), { contentType: "application/json", query: { kind: "incidents" } });
    expect(response.status).toBe(415);
    expect(response.body.errors![0]!.message).toContain("text/csv");
  });
});
