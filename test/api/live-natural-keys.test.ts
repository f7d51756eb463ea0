// A natural key is unique among current records: a withdrawn evaluation or finding leaves its key free, so the
// record can be created again (through the API and the import), while two current ones stay refused by the
// validator and by the database's partial unique index. Keys of other kinds (a board's code) stay taken.
import { postImport } from "../helpers/import";
import { startTestServer, type TestServer } from "../helpers/server";
import { createFixture, send } from "../helpers/steward";
import { VALID } from "../helpers/steward-cases";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await createFixture(t);
});
afterAll(() => t.close());

const EVALUATION = {
  reviewReference: "SCR-T-EVALD",
  inspectorate: "OFSTED",
  receivedOn: "2008-02-01",
  evaluatedOn: "2008-04-01",
  grade: "INADEQUATE",
};

async function reviewRead(reference: string) {
  const r = await t.query<
    { review: { evaluation: { grade: string; version: number } | null; findings: { category: string; summary: string; version: number }[] } | null },
    { reference: string }
  >(`query($reference: String!) { review(reference: $reference) { evaluation { grade version } findings { category summary version } } }`, {
    reference,
  });
  expect(r.errors).toBeUndefined();
  return r.data!.review!;
}

const codes = (r: Awaited<ReturnType<typeof send>>) => r.data!.result.problems?.map((p) => [p.path.join("."), p.code]);

test("an evaluation withdrawn can be created again; a second current one is refused", async () => {
  expect(codes(await send(t, "create", "evaluation", EVALUATION))).toEqual([["input.reviewReference", "ALREADY_EXISTS"]]);
  const withdrawn = await send(t, "withdraw", "evaluation", {
    reviewReference: "SCR-T-EVALD",
    version: 1,
    reason: "graded against the wrong report",
  });
  expect(withdrawn.data!.result).toMatchObject({ __typename: "RecordWithdrawn", version: 2 });
  expect((await reviewRead("SCR-T-EVALD")).evaluation).toBeNull();

  const again = await send(t, "create", "evaluation", EVALUATION);
  expect(again.data!.result).toMatchObject({ __typename: "Evaluation", version: 1 });
  expect((await reviewRead("SCR-T-EVALD")).evaluation).toEqual({ grade: "INADEQUATE", version: 1 });
  expect(codes(await send(t, "create", "evaluation", { ...EVALUATION, grade: "GOOD" }))).toEqual([["input.reviewReference", "ALREADY_EXISTS"]]);

  // The current one is the one an update changes (version 1, not the withdrawn one's 2).
  const updated = await send(t, "update", "evaluation", { reviewReference: "SCR-T-EVALD", version: 1, grade: "ADEQUATE" });
  expect(updated.data!.result).toMatchObject({ __typename: "Evaluation", version: 2 });
  expect((await reviewRead("SCR-T-EVALD")).evaluation).toEqual({ grade: "ADEQUATE", version: 2 });
});

test("the database itself refuses two current evaluations of a review, and takes a withdrawn one beside the current", async () => {
  const db = t.database.db;
  const review = await db.review.findFirstOrThrow({ where: { reference: "SCR-T-EVALD" } });
  const row = { reviewId: review.id, inspectorate: "OFSTED" as const, receivedOn: "2008-02-01" };
  await expect(db.evaluation.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
  await db.evaluation.create({ data: { ...row, withdrawnAt: new Date(), withdrawnReason: "test", withdrawnBy: "test" } });
  expect(await db.evaluation.count({ where: { reviewId: review.id } })).toBe(3);
  expect(await db.evaluation.count({ where: { reviewId: review.id, withdrawnAt: null } })).toBe(1);
});

test("a finding withdrawn can be created again with its key; a second current one is refused, by the API and the database", async () => {
  expect((await send(t, "create", "finding", { ...VALID.finding })).data!.result.__typename).toBe("Finding");
  expect(codes(await send(t, "create", "finding", { ...VALID.finding }))).toEqual([["input.category", "ALREADY_EXISTS"]]);
  const key = { reviewReference: VALID.finding.reviewReference, source: VALID.finding.source, category: VALID.finding.category };
  expect((await send(t, "withdraw", "finding", { ...key, version: 1, reason: "duplicate of the summary" })).data!.result.__typename).toBe(
    "RecordWithdrawn",
  );
  const again = await send(t, "create", "finding", { ...VALID.finding, summary: "Agencies kept what they knew to themselves." });
  expect(again.data!.result).toMatchObject({ __typename: "Finding", version: 1 });
  expect((await reviewRead(VALID.finding.reviewReference)).findings).toEqual([
    { category: "MULTI_AGENCY_WORKING", summary: "Agencies kept what they knew to themselves.", version: 1 },
  ]);
  const db = t.database.db;
  const review = await db.review.findFirstOrThrow({ where: { reference: VALID.finding.reviewReference } });
  await expect(
    db.finding.create({ data: { reviewId: review.id, source: "REVIEW", category: "MULTI_AGENCY_WORKING", summary: "twice" } }),
  ).rejects.toMatchObject({ code: "P2002" });
});

test("the import creates a finding and an evaluation again after their withdrawal", async () => {
  const key = { reviewReference: "SCR-T-DONE", source: "REVIEW", category: "MULTI_AGENCY_WORKING" };
  expect((await send(t, "withdraw", "finding", { ...key, version: 1, reason: "replaced by the import" })).data!.result.__typename).toBe(
    "RecordWithdrawn",
  );
  const findings = await postImport(t, "reviewReference,source,category,summary\nSCR-T-DONE,REVIEW,MULTI_AGENCY_WORKING,Shared too late.\n", {
    query: { kind: "findings" },
  });
  expect(findings.status).toBe(200);
  expect(findings.body.batch).toMatchObject({ created: 1, updated: 0, unchanged: 0 });

  expect(
    (await send(t, "withdraw", "evaluation", { reviewReference: "SCR-T-EVALD", version: 2, reason: "replaced by the import" })).data!.result
      .__typename,
  ).toBe("RecordWithdrawn");
  const evaluations = await postImport(
    t,
    "reviewReference,inspectorate,receivedOn,evaluatedOn,grade\nSCR-T-EVALD,OFSTED,2008-02-01,2008-05-01,GOOD\n",
    {
      query: { kind: "evaluations" },
    },
  );
  expect(evaluations.status).toBe(200);
  expect(evaluations.body.batch).toMatchObject({ created: 1, updated: 0 });
  const read = await reviewRead("SCR-T-EVALD");
  expect(read.evaluation).toEqual({ grade: "GOOD", version: 1 });
  // A second row for the same review is now an update of the current one, not a clash.
  const unchanged = await postImport(
    t,
    "reviewReference,inspectorate,receivedOn,evaluatedOn,grade\nSCR-T-EVALD,OFSTED,2008-02-01,2008-05-01,GOOD\n",
    {
      query: { kind: "evaluations" },
    },
  );
  expect(unchanged.body.batch).toMatchObject({ created: 0, unchanged: 1 });
});

test("a board's code stays taken after its withdrawal", async () => {
  expect((await send(t, "withdraw", "board", { code: "E10000002", version: 1, reason: "never existed" })).data!.result.__typename).toBe(
    "RecordWithdrawn",
  );
  const again = await send(t, "create", "board", {
    code: "E10000002",
    dfeCode: "826",
    name: "Old County LSCB",
    regionCode: "E12000001",
    inForceFrom: "2006-04-01",
  });
  expect(again.data!.result.problems).toEqual([
    {
      path: ["input", "code"],
      code: "ALREADY_EXISTS",
      message: "The board E10000002 was withdrawn, and its key cannot be used again for a new board.",
    },
  ]);
});
