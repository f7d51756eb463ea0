// Every validation rule of a steward's records, broken through the create mutations: the typed problem comes
// back with its field path and code, and nothing is written. The cases are data (test/helpers/steward-cases.ts)
// so the bulk import runs the same ones.
import { startTestServer, type TestServer } from "../helpers/server";
import { CASES, VALID } from "../helpers/steward-cases";
import { createFixture, send, TYPE_NAME } from "../helpers/steward";
import { databaseLookup, type RecordKindName, validateRecords } from "../../src/domain/records";

let t: TestServer;

/** Rows of every stewarded table and the audit log: a refused write changes none of them. */
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
  ]);
}

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await createFixture(t);
});
afterAll(() => t.close());

describe.each(CASES.map((c) => [`${c.kind}: ${c.rule}`, c] as const))("%s", (_name, c) => {
  test(`refused with ${c.expect[1]} at ${c.expect[0].join(".")}, nothing written`, async () => {
    const before = await counts();
    const input = { ...VALID[c.kind], ...c.change } as Record<string, unknown>;
    const r = await send(t, "create", c.kind, input);
    if (c.apiError) {
      expect(r.errors!.map((e) => e.extensions!.code)).toEqual([c.apiError]);
      expect(await counts()).toEqual(before);
      // The validator itself has the rule, for the import.
      const [problems] = await validateRecords(databaseLookup(t.database.db), c.kind, [input as never]);
      expect(problems!.map((p) => [p.path, p.code])).toContainEqual(c.expect);
      return;
    }
    expect(r.errors).toBeUndefined();
    const result = r.data!.result;
    expect(result.__typename).toBe("RecordRejected");
    expect(result.problems!.map((p) => [p.path, p.code])).toContainEqual([["input", ...c.expect[0].map(String)], c.expect[1]]);
    // Each message is a whole sentence, not a code.
    for (const p of result.problems!) expect(p.message).toMatch(/^\S.{20,}\.$/);
    expect(await counts()).toEqual(before);
  });
});

test.each(Object.keys(VALID) as RecordKindName[])("the valid %s of the cases is accepted (so each case fails for its own rule)", async (kind) => {
  const r = await send(t, "create", kind, VALID[kind] as unknown as Record<string, unknown>);
  expect(r.errors).toBeUndefined();
  expect(r.data!.result.__typename).toBe(TYPE_NAME[kind]);
  expect(r.data!.result.version).toBe(1);
});

test("every problem of a record comes back at once", async () => {
  const r = await send(t, "create", "incident", {
    ...VALID.incident,
    reference: "SIN-T-0200",
    boardCode: "E06000999",
    notifiedOn: "2007-06-01",
    occurredOn: "2007-06-05",
    decision: "NO_REVIEW",
  });
  expect(r.data!.result.problems!.map((p) => [p.path.join("."), p.code])).toEqual([
    ["input.boardCode", "NOT_FOUND"],
    ["input.notifiedOn", "DATE_ORDER"],
    ["input.decisionOn", "REQUIRED"],
  ]);
});

test("a value the schema's types refuse (an unknown enum value, a date that does not exist) is a BAD_USER_INPUT error and writes nothing", async () => {
  const before = await counts();
  for (const change of [{ nature: "DROWNING" }, { occurredOn: "2007-02-30" }]) {
    const r = await send(t, "create", "incident", { ...VALID.incident, reference: "SIN-T-0300", ...change });
    expect(r.data ?? null).toBeNull();
    expect(r.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
  }
  expect(await counts()).toEqual(before);
});
