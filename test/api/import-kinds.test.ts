// The kinds after incidents, through POST /import on the seeded database: reviews (agencies as JSON in a CSV
// cell), their evaluation and findings, read back through GraphQL; the validators' rules across kinds (an
// evaluation of a review not completed, a second evaluation); an incident linked to an imported review; and a
// withdrawal by import, after which the record leaves the lists.
import { startTestServer, type TestServer } from "../helpers/server";
import { boardsInForce, digest, postImport } from "../helpers/import";

let t: TestServer;
let board: string;

beforeAll(async () => {
  t = await startTestServer({ seeded: true });
  board = (await boardsInForce(t.database.db, 1))[0]!;
});
afterAll(() => t.close());

const csvCell = (value: unknown) => `"${JSON.stringify(value).replace(/"/g, '""')}"`;

const reviewQuery = `query ($ref: String!) {
  review(reference: $ref) {
    reference completedOn methodology
    agencies { agency cooperated managementReviewSubmitted }
    evaluation { grade receivedOn evaluatedOn }
    findings { source category summary }
    incidents { reference }
  }
}`;

type ReviewRead = {
  review: {
    completedOn: string | null;
    methodology: string;
    agencies: { agency: string; cooperated: boolean; managementReviewSubmitted: boolean }[];
    evaluation: { grade: string; receivedOn: string; evaluatedOn: string } | null;
    findings: { source: string; category: string; summary: string }[];
    incidents: { reference: string }[];
  } | null;
};

async function review(ref: string) {
  const result = await t.query<ReviewRead, { ref: string }>(reviewQuery, { ref });
  expect(result.errors).toBeUndefined();
  return result.data!.review;
}

it("reviews, then their evaluation and findings, then an incident linked to a review", async () => {
  const agencies = [
    { agency: "POLICE", cooperated: true, managementReviewSubmitted: true },
    { agency: "CHILDRENS_SOCIAL_CARE", cooperated: false, managementReviewSubmitted: true },
  ];
  const reviews = await postImport(
    t,
    [
      "reference,leadBoardCode,initiatedOn,completedOn,criteria,methodology,guidanceEdition,agencies",
      `T-SCR-001,${board},2007-06-01,2007-12-01,DEATH_ABUSE_NEGLECT,IMR_OVERVIEW,WT2006,${csvCell(agencies)}`,
      `T-SCR-002,${board},2007-07-01,,LIFE_THREATENING_INJURY,SILP,WT2006,`,
    ].join("\n"),
    { query: { kind: "reviews" } },
  );
  expect([reviews.status, reviews.body.batch?.created]).toEqual([200, 2]);

  const evaluations = await postImport(
    t,
    ["reviewReference,inspectorate,receivedOn,evaluatedOn,grade", "T-SCR-001,OFSTED,2008-01-10,2008-02-01,INADEQUATE"].join("\n"),
    {
      query: { kind: "evaluations" },
    },
  );
  expect([evaluations.status, evaluations.body.batch?.created]).toEqual([200, 1]);

  const findings = await postImport(
    t,
    [
      "reviewReference,source,category,summary",
      "T-SCR-001,EVALUATION,INSUFFICIENT_CHILD_FOCUS,The child's voice was not heard.",
      "T-SCR-001,EVALUATION,PARTNER_NON_COOPERATION,Social care did not take part.",
    ].join("\n"),
    { query: { kind: "findings" } },
  );
  expect([findings.status, findings.body.batch?.created]).toEqual([200, 2]);

  const incidents = await postImport(
    t,
    [
      "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand,decision,decisionOn,reviewReference",
      `T-INC-001,${board},2007-05-01,2007-05-03,DEATH,true,UNDER_1,SCR_INITIATED,2007-06-01,T-SCR-001`,
    ].join("\n"),
    { query: { kind: "incidents" } },
  );
  expect([incidents.status, incidents.body.batch?.created]).toEqual([200, 1]);

  expect(await review("T-SCR-001")).toEqual({
    reference: "T-SCR-001",
    completedOn: "2007-12-01",
    methodology: "IMR_OVERVIEW",
    // In the order of the AgencyType enum.
    agencies: [agencies[1], agencies[0]],
    evaluation: { grade: "INADEQUATE", receivedOn: "2008-01-10", evaluatedOn: "2008-02-01" },
    findings: [
      { source: "EVALUATION", category: "INSUFFICIENT_CHILD_FOCUS", summary: "The child's voice was not heard." },
      { source: "EVALUATION", category: "PARTNER_NON_COOPERATION", summary: "Social care did not take part." },
    ],
    incidents: [{ reference: "T-INC-001" }],
  });
});

it("an evaluation of a review not completed, and a second evaluation of a review, are refused", async () => {
  const before = await digest(t.database.db);
  const response = await postImport(
    t,
    ["reviewReference,inspectorate,receivedOn,evaluatedOn,grade", "T-SCR-002,OFSTED,2008-01-10,,", "T-NONE-9,OFSTED,2008-01-10,2008-01-20,GOOD"].join(
      "\n",
    ),
    { query: { kind: "evaluations" } },
  );
  expect(response.status).toBe(422);
  expect(response.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([
    [2, "reviewReference", "NOT_COMPLETED"],
    [3, "reviewReference", "NOT_FOUND"],
  ]);
  expect(await digest(t.database.db)).toBe(before);
});

it("an update of a review's agencies replaces its list; the unchanged evaluation stays unchanged", async () => {
  const agencies = [{ agency: "HEALTH_TRUST", cooperated: true, managementReviewSubmitted: false }];
  const response = await postImport(t, JSON.stringify({ reference: "T-SCR-001", agencies }) + "\n", {
    contentType: "application/x-ndjson",
    query: { kind: "reviews" },
  });
  // Only the reference and agencies are given: every other field keeps its stored value.
  expect(response.body.batch).toMatchObject({ rows: 1, updated: 1 });
  expect((await review("T-SCR-001"))!.agencies).toEqual(agencies);
  const again = await postImport(
    t,
    ["reviewReference,inspectorate,receivedOn,evaluatedOn,grade", "T-SCR-001,OFSTED,2008-01-10,2008-02-01,INADEQUATE"].join("\n"),
    {
      query: { kind: "evaluations" },
    },
  );
  expect(again.body.batch).toMatchObject({ rows: 1, unchanged: 1, created: 0, updated: 0 });
});

it("withdraws a record named with a reason; it leaves the lists, and a second withdrawal is refused", async () => {
  const text = [
    "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand,withdrawnReason",
    "T-INC-001,,,,,,,Entered twice by the board",
  ].join("\n");
  const response = await postImport(t, text, { query: { kind: "incidents" } });
  expect(response.body.batch).toMatchObject({ rows: 1, withdrawn: 1 });
  const stored = await t.database.db.incident.findUniqueOrThrow({ where: { reference: "T-INC-001" } });
  expect([stored.withdrawnReason, stored.withdrawnBy, stored.version]).toEqual(["Entered twice by the board", "test STEWARD", 2]);
  expect((await review("T-SCR-001"))!.incidents).toEqual([]);
  const history = await t.database.db.auditEvent.findFirstOrThrow({ where: { importBatchId: response.body.batch!.id } });
  expect([history.action, history.entityId, history.via]).toEqual(["record.withdraw", String(stored.id), "import"]);

  const again = await postImport(t, text, { query: { kind: "incidents" } });
  expect(again.status).toBe(422);
  expect(again.body.problems!.map((p) => [p.line, p.column, p.code])).toEqual([[2, "reference", "WITHDRAWN"]]);
});
