// A small dataset for the ad-hoc query tests, small enough that every filter, order, aggregate and group can be
// worked out by hand from this file. The comments give the derived values the tests rely on.
//
// Regions: North East (boards A, B), North West (C, D), London (no boards).
// Boards: A "Alpha LSCB", B "Beta_1 LSCB", C "Betax1 LSCB" (only "_" tells B from C in a LIKE pattern),
//   D "Ðelta LSCB" (a non-ASCII capital, ended 2009-03-31). Populations 2007: A 10000, B 20000, C 30000, D 5000.
// Incidents (board, occurred, notified, nature, abuse suspected, decision, decided, review):
//   I1 A 2007-03-25 2007-04-02 DEATH        yes SCR_INITIATED   2007-04-20 RV1   notify 8  decide 18
//   I2 A 2008-03-30 2008-03-31 DEATH        yes NO_REVIEW       2008-04-30 -     notify 1  decide 30
//   I3 A 2008-04-01 2008-04-01 SERIOUS_HARM yes CASE_FILE_AUDIT 2008-04-11 -     notify 0  decide 10
//   I4 B 2007-12-31 2008-01-02 DEATH        no  NO_REVIEW       2008-01-10 -     notify 2  decide 8
//   I5 B 2007-06-01 2007-06-15 DEATH        yes SCR_INITIATED   2007-07-01 RV2   notify 14 decide 16
//   I6 C 2007-09-09 2007-09-10 NOT_KNOWN    no  PENDING         -          -     notify 1  decide -
//   I7 C 2007-11-01 2007-11-05 DEATH        yes SCR_INITIATED   2007-11-20 RV3   notify 4  decide 15
//   I8 D 2008-02-28 2008-03-03 SERIOUS_HARM no  OTHER_REVIEW    2008-03-20 -     notify 4  decide 17
//   I9 C 2007-11-01 2007-11-06 DEATH        yes SCR_INITIATED   2007-11-20 RV3   notify 5  decide 14
// Reviews (board, initiated, completed, days, within target (4 months), evaluation received/evaluated/grade):
//   RV1 A 2007-04-20 2007-08-20 122 yes (target day itself)       2007-09-01 2007-10-15 GOOD        (44 days)
//   RV2 B 2007-07-01 2008-01-15 198 no                             2008-01-31 2008-03-31 INADEQUATE  (60 days)
//   RV3 C 2007-10-31 2008-02-29 121 yes (target clamps to 29 Feb)  2008-03-10 -          -
//   RV4 C 2007-10-31 2008-03-01 122 no  (a day after the target)   2008-04-01 2008-05-01 INADEQUATE  (30 days)
//   RV5 A 2008-06-01 open       -   no  (open, target long gone)   -
//   RV6 D 2008-01-15 2008-04-10 86  yes                            2008-04-20 2008-06-30 OUTSTANDING (71 days)
// Findings: RV2 EVALUATION INSUFFICIENT_CHILD_FOCUS, EVALUATION PARTNER_NON_COOPERATION, REVIEW MULTI_AGENCY_WORKING;
//   RV3 REVIEW USE_ALL_INFORMATION; RV4 EVALUATION DELAY, EVALUATION INFORMATION_GAPS.
// Authors: AU-1 SOCIAL_WORK independent, REVIEW_METHODOLOGY TRAINED 2006-01-01 lapsing 2008-01-01, practice 6 years;
//   AU-2 HEALTH not independent, practice 3 years; au-3 POLICE independent, REVIEW_METHODOLOGY ACCREDITED 2007-06-01.
// Authorships: RV1 AU-1 overview, AU-2 chair; RV2 AU-2 overview; RV3 au-3 overview, AU-1 chair; RV4 AU-1 overview;
//   RV6 au-3 overview and chair. Reviews per author: AU-1 3, AU-2 2, au-3 2.
import type { Db } from "../../src/db";

export async function insertQueryFixture(db: Db): Promise<void> {
  const ne = await db.region.create({ data: { code: "E12000001", name: "North East" } });
  const nw = await db.region.create({ data: { code: "E12000002", name: "North West" } });
  await db.region.create({ data: { code: "E12000007", name: "London" } });
  const board = (code: string, name: string, regionId: number, inForceTo: string | null = null) =>
    db.board.create({ data: { code, dfeCode: code.slice(-3), name, regionId, inForceFrom: "2006-04-01", inForceTo } });
  const A = await board("E06000001", "Alpha LSCB", ne.id);
  const B = await board("E06000002", "Beta_1 LSCB", ne.id);
  const C = await board("E06000003", "Betax1 LSCB", nw.id);
  const D = await board("E06000004", "Ðelta LSCB", nw.id, "2009-03-31");
  await db.childPopulation.createMany({
    data: (
      [
        [A.id, 10_000],
        [B.id, 20_000],
        [C.id, 30_000],
        [D.id, 5_000],
      ] as const
    ).map(([boardId, children]) => ({ boardId, year: 2007, children, source: "fixture", approximate: true })),
  });

  const author = (reference: string, background: "SOCIAL_WORK" | "HEALTH" | "POLICE", independent: boolean, competencies: object[]) =>
    db.author.create({
      data: { reference, displayName: `Fixture ${reference}`, background, independent, competencies: { create: competencies as never } },
    });
  const AU1 = await author("AU-1", "SOCIAL_WORK", true, [
    { area: "REVIEW_METHODOLOGY", level: "TRAINED", attainedOn: "2006-01-01", expiresOn: "2008-01-01" },
    { area: "CHILD_PROTECTION_PRACTICE", years: 6, attainedOn: "2006-01-01" },
  ]);
  const AU2 = await author("AU-2", "HEALTH", false, [{ area: "CHILD_PROTECTION_PRACTICE", years: 3, attainedOn: "2007-01-01" }]);
  const AU3 = await author("au-3", "POLICE", true, [{ area: "REVIEW_METHODOLOGY", level: "ACCREDITED", attainedOn: "2007-06-01" }]);

  type Criteria = "DEATH_ABUSE_NEGLECT" | "INTERAGENCY_CONCERN" | "LIFE_THREATENING_INJURY" | "SERIOUS_SEXUAL_ABUSE";
  type Methodology = "IMR_OVERVIEW" | "SCIE_LEARNING_TOGETHER" | "SILP" | "OTHER";
  type Role = "OVERVIEW_AUTHOR" | "PANEL_CHAIR";
  const review = (
    reference: string,
    leadBoardId: number,
    initiatedOn: string,
    completedOn: string | null,
    criteria: Criteria,
    methodology: Methodology,
    authors: [{ id: number }, Role][],
  ) =>
    db.review.create({
      data: {
        reference,
        leadBoardId,
        initiatedOn,
        completedOn,
        criteria,
        methodology,
        guidanceEdition: "WT2006",
        synthetic: true,
        authorships: { create: authors.map(([a, role]) => ({ authorId: a.id, role })) },
      },
    });
  const RV1 = await review("RV1", A.id, "2007-04-20", "2007-08-20", "DEATH_ABUSE_NEGLECT", "IMR_OVERVIEW", [
    [AU1, "OVERVIEW_AUTHOR"],
    [AU2, "PANEL_CHAIR"],
  ]);
  const RV2 = await review("RV2", B.id, "2007-07-01", "2008-01-15", "DEATH_ABUSE_NEGLECT", "SCIE_LEARNING_TOGETHER", [[AU2, "OVERVIEW_AUTHOR"]]);
  const RV3 = await review("RV3", C.id, "2007-10-31", "2008-02-29", "DEATH_ABUSE_NEGLECT", "IMR_OVERVIEW", [
    [AU3, "OVERVIEW_AUTHOR"],
    [AU1, "PANEL_CHAIR"],
  ]);
  const RV4 = await review("RV4", C.id, "2007-10-31", "2008-03-01", "INTERAGENCY_CONCERN", "SILP", [[AU1, "OVERVIEW_AUTHOR"]]);
  await review("RV5", A.id, "2008-06-01", null, "LIFE_THREATENING_INJURY", "OTHER", []);
  const RV6 = await review("RV6", D.id, "2008-01-15", "2008-04-10", "SERIOUS_SEXUAL_ABUSE", "IMR_OVERVIEW", [
    [AU3, "OVERVIEW_AUTHOR"],
    [AU3, "PANEL_CHAIR"],
  ]);
  await db.evaluation.createMany({
    data: [
      { reviewId: RV1.id, inspectorate: "OFSTED", receivedOn: "2007-09-01", evaluatedOn: "2007-10-15", grade: "GOOD" },
      { reviewId: RV2.id, inspectorate: "OFSTED", receivedOn: "2008-01-31", evaluatedOn: "2008-03-31", grade: "INADEQUATE" },
      { reviewId: RV3.id, inspectorate: "OFSTED", receivedOn: "2008-03-10" },
      { reviewId: RV4.id, inspectorate: "OFSTED", receivedOn: "2008-04-01", evaluatedOn: "2008-05-01", grade: "INADEQUATE" },
      { reviewId: RV6.id, inspectorate: "OFSTED", receivedOn: "2008-04-20", evaluatedOn: "2008-06-30", grade: "OUTSTANDING" },
    ],
  });
  await db.finding.createMany({
    data: [
      { reviewId: RV2.id, source: "EVALUATION", category: "INSUFFICIENT_CHILD_FOCUS", summary: "fixture" },
      { reviewId: RV2.id, source: "EVALUATION", category: "PARTNER_NON_COOPERATION", summary: "fixture" },
      { reviewId: RV2.id, source: "REVIEW", category: "MULTI_AGENCY_WORKING", summary: "fixture" },
      { reviewId: RV3.id, source: "REVIEW", category: "USE_ALL_INFORMATION", summary: "fixture" },
      { reviewId: RV4.id, source: "EVALUATION", category: "DELAY", summary: "fixture" },
      { reviewId: RV4.id, source: "EVALUATION", category: "INFORMATION_GAPS", summary: "fixture" },
    ],
  });
  type Nature = "DEATH" | "SERIOUS_HARM" | "NOT_KNOWN";
  type Decision = "SCR_INITIATED" | "CASE_FILE_AUDIT" | "OTHER_REVIEW" | "NO_REVIEW" | "PENDING";
  type Band = "UNDER_1" | "AGE_1_TO_4" | "AGE_5_TO_9" | "AGE_10_TO_15" | "AGE_16_TO_17";
  const incident = (
    reference: string,
    boardId: number,
    occurredOn: string,
    notifiedOn: string,
    nature: Nature,
    abuseOrNeglectSuspected: boolean,
    childAgeBand: Band,
    decision: Decision,
    decisionOn: string | null,
    decisionRationale: string | null,
    reviewId: number | null,
  ) => ({
    reference,
    boardId,
    occurredOn,
    notifiedOn,
    nature,
    abuseOrNeglectSuspected,
    childAgeBand,
    decision,
    decisionOn,
    decisionRationale,
    reviewId,
    synthetic: true,
  });
  await db.incident.createMany({
    data: [
      incident("I1", A.id, "2007-03-25", "2007-04-02", "DEATH", true, "UNDER_1", "SCR_INITIATED", "2007-04-20", null, RV1.id),
      incident("I2", A.id, "2008-03-30", "2008-03-31", "DEATH", true, "AGE_1_TO_4", "NO_REVIEW", "2008-04-30", null, null),
      incident("I3", A.id, "2008-04-01", "2008-04-01", "SERIOUS_HARM", true, "AGE_5_TO_9", "CASE_FILE_AUDIT", "2008-04-11", "An audit instead", null),
      incident("I4", B.id, "2007-12-31", "2008-01-02", "DEATH", false, "UNDER_1", "NO_REVIEW", "2008-01-10", "Not abuse", null),
      incident("I5", B.id, "2007-06-01", "2007-06-15", "DEATH", true, "UNDER_1", "SCR_INITIATED", "2007-07-01", null, RV2.id),
      incident("I6", C.id, "2007-09-09", "2007-09-10", "NOT_KNOWN", false, "AGE_16_TO_17", "PENDING", null, null, null),
      incident("I7", C.id, "2007-11-01", "2007-11-05", "DEATH", true, "AGE_10_TO_15", "SCR_INITIATED", "2007-11-20", null, RV3.id),
      incident("I8", D.id, "2008-02-28", "2008-03-03", "SERIOUS_HARM", false, "AGE_1_TO_4", "OTHER_REVIEW", "2008-03-20", "Single agency", null),
      incident("I9", C.id, "2007-11-01", "2007-11-06", "DEATH", true, "AGE_10_TO_15", "SCR_INITIATED", "2007-11-20", null, RV3.id),
    ],
  });
}
