// Data-driven validation cases for a steward's records: a small fixture, a valid input of each kind, and one
// case per rule with the input that breaks it and the problem expected (field path from the input, code). The
// API tests send each case through a create mutation; the bulk import can send the same inputs as file rows.
import type { ProblemCode, RecordInputs, RecordKindName } from "../../src/domain/records";

/** The region the fixture's boards belong to (inserted directly: regions are reference data, not stewarded). */
export const FIXTURE_REGION = { code: "E12000001", name: "North East" };

/** Records created, in order, before the cases run; every one valid. */
export const FIXTURE: { [K in RecordKindName]?: RecordInputs[K][] } & { order: RecordKindName[] } = {
  order: ["board", "population", "review", "incident", "evaluation", "author", "competency"],
  board: [
    { code: "E06000001", dfeCode: "805", name: "Hartlepool LSCB", regionCode: "E12000001", inForceFrom: "2006-04-01" },
    // In force only until 31 March 2009.
    { code: "E10000002", dfeCode: "826", name: "Old County LSCB", regionCode: "E12000001", inForceFrom: "2006-04-01", inForceTo: "2009-03-31" },
  ],
  population: [{ boardCode: "E06000001", year: 2007, children: 20_000, approximate: true, source: "test estimate" }],
  review: [
    {
      reference: "SCR-T-OPEN",
      leadBoardCode: "E06000001",
      initiatedOn: "2007-06-01",
      criteria: "DEATH_ABUSE_NEGLECT",
      methodology: "IMR_OVERVIEW",
      guidanceEdition: "WT2006",
    },
    {
      reference: "SCR-T-DONE",
      leadBoardCode: "E06000001",
      initiatedOn: "2007-06-01",
      completedOn: "2008-01-15",
      criteria: "DEATH_ABUSE_NEGLECT",
      methodology: "IMR_OVERVIEW",
      guidanceEdition: "WT2006",
      agencies: [{ agency: "POLICE", cooperated: true, managementReviewSubmitted: true }],
    },
    {
      reference: "SCR-T-EVALD",
      leadBoardCode: "E06000001",
      initiatedOn: "2007-06-01",
      completedOn: "2008-01-15",
      criteria: "DEATH_ABUSE_NEGLECT",
      methodology: "IMR_OVERVIEW",
      guidanceEdition: "WT2006",
    },
  ],
  incident: [
    {
      reference: "SIN-T-0001",
      boardCode: "E06000001",
      occurredOn: "2007-05-01",
      notifiedOn: "2007-05-03",
      nature: "DEATH",
      abuseOrNeglectSuspected: true,
      childAgeBand: "UNDER_1",
      decision: "SCR_INITIATED",
      decisionOn: "2007-06-01",
      reviewReference: "SCR-T-DONE",
    },
  ],
  evaluation: [{ reviewReference: "SCR-T-EVALD", inspectorate: "OFSTED", receivedOn: "2008-02-01", evaluatedOn: "2008-03-01", grade: "GOOD" }],
  author: [{ reference: "AUT-T-0001", displayName: "A. Writer", background: "SOCIAL_WORK", independent: true }],
  competency: [{ authorReference: "AUT-T-0001", area: "REVIEW_METHODOLOGY", level: "TRAINED", attainedOn: "2005-01-01" }],
};

/** A valid new record of each kind, against the fixture (its natural key is not in the fixture). */
export const VALID: { [K in RecordKindName]: RecordInputs[K] } = {
  board: { code: "E06000002", dfeCode: "806", name: "Middlesbrough LSCB", regionCode: "E12000001", inForceFrom: "2006-04-01" },
  population: { boardCode: "E06000001", year: 2008, children: 20_100, approximate: true, source: "test estimate" },
  incident: {
    reference: "SIN-T-0100",
    boardCode: "E06000001",
    occurredOn: "2007-07-01",
    notifiedOn: "2007-07-02",
    nature: "SERIOUS_HARM",
    abuseOrNeglectSuspected: true,
    childAgeBand: "AGE_1_TO_4",
    decision: "PENDING",
  },
  review: {
    reference: "SCR-T-0100",
    leadBoardCode: "E06000001",
    initiatedOn: "2008-01-10",
    completedOn: "2008-06-01",
    criteria: "LIFE_THREATENING_INJURY",
    methodology: "SCIE_LEARNING_TOGETHER",
    guidanceEdition: "WT2006",
    agencies: [
      { agency: "POLICE", cooperated: true, managementReviewSubmitted: true },
      { agency: "HEALTH_TRUST", cooperated: false, managementReviewSubmitted: false },
    ],
  },
  evaluation: { reviewReference: "SCR-T-DONE", inspectorate: "OFSTED", receivedOn: "2008-02-01", evaluatedOn: "2008-03-01", grade: "INADEQUATE" },
  finding: { reviewReference: "SCR-T-DONE", source: "REVIEW", category: "MULTI_AGENCY_WORKING", summary: "Agencies did not share what they knew." },
  author: { reference: "AUT-T-0100", displayName: "B. Author", background: "HEALTH", independent: false },
  competency: { authorReference: "AUT-T-0001", area: "CHILD_PROTECTION_PRACTICE", years: 7, attainedOn: "2004-01-01" },
  authorship: { reviewReference: "SCR-T-DONE", authorReference: "AUT-T-0001", role: "OVERVIEW_AUTHOR" },
};

export interface ValidationCase {
  kind: RecordKindName;
  rule: string;
  /** Fields changed from VALID[kind] (null clears one). */
  change: Record<string, unknown>;
  /** The problem expected, among any others: its path in the input and its code. */
  expect: [(string | number)[], ProblemCode];
  /**
   * Set where the API refuses the input before the validator sees it, with this error code: text over the
   * API's 1,000-character limit on any argument. The import, which has no such limit, gets the problem.
   */
  apiError?: string;
}

const c = (kind: RecordKindName, rule: string, change: Record<string, unknown>, path: (string | number)[], code: ProblemCode): ValidationCase => ({
  kind,
  rule,
  change,
  expect: [path, code],
});

export const CASES: ValidationCase[] = [
  c("board", "a GSS code is E and eight digits", { code: "HARTLEPOOL" }, ["code"], "INVALID_FORMAT"),
  c("board", "a DfE number is three digits", { dfeCode: "12" }, ["dfeCode"], "INVALID_FORMAT"),
  c("board", "the name is required", { name: "" }, ["name"], "REQUIRED"),
  c("board", "the name is at most 200 characters", { name: "x".repeat(201) }, ["name"], "OUT_OF_RANGE"),
  c("board", "the region exists", { regionCode: "E12000099" }, ["regionCode"], "NOT_FOUND"),
  c("board", "a board stops after it starts", { inForceTo: "2006-03-31" }, ["inForceTo"], "DATE_ORDER"),
  c("board", "a code is taken once", { code: "E06000001", dfeCode: "899" }, ["code"], "ALREADY_EXISTS"),
  c("population", "the year is from 1990 to 2100", { year: 1800 }, ["year"], "OUT_OF_RANGE"),
  c("population", "children cannot be negative", { children: -1 }, ["children"], "OUT_OF_RANGE"),
  c("population", "the board is in force at mid-year", { boardCode: "E10000002", year: 2010 }, ["year"], "NOT_IN_FORCE"),
  c("population", "the board exists", { boardCode: "E06000999" }, ["boardCode"], "NOT_FOUND"),
  c("population", "the source is required", { source: "  " }, ["source"], "REQUIRED"),
  c("incident", "the reference is required", { reference: "" }, ["reference"], "REQUIRED"),
  c("incident", "a reference is capitals, digits and hyphens", { reference: "sin 100" }, ["reference"], "INVALID_FORMAT"),
  c("incident", "a reference is taken once", { reference: "SIN-T-0001" }, ["reference"], "ALREADY_EXISTS"),
  c("incident", "the board exists", { boardCode: "E06000999" }, ["boardCode"], "NOT_FOUND"),
  c("incident", "the board code is a GSS code", { boardCode: "Hartlepool" }, ["boardCode"], "INVALID_FORMAT"),
  c(
    "incident",
    "the board is in force on the notification date",
    { boardCode: "E10000002", occurredOn: "2009-04-20", notifiedOn: "2009-05-01" },
    ["boardCode"],
    "NOT_IN_FORCE",
  ),
  c("incident", "an incident is notified after it happens", { notifiedOn: "2007-06-30" }, ["notifiedOn"], "DATE_ORDER"),
  c("incident", "an incident is not in the future", { occurredOn: "2999-01-01", notifiedOn: "2999-01-02" }, ["occurredOn"], "OUT_OF_RANGE"),
  c("incident", "a PENDING decision has no date", { decision: "PENDING", decisionOn: "2007-08-01" }, ["decisionOn"], "INCONSISTENT"),
  c("incident", "a decision has a date", { decision: "NO_REVIEW" }, ["decisionOn"], "REQUIRED"),
  c("incident", "a decision follows the notification", { decision: "NO_REVIEW", decisionOn: "2007-07-01" }, ["decisionOn"], "DATE_ORDER"),
  {
    ...c(
      "incident",
      "a rationale is at most 1000 characters",
      { decision: "NO_REVIEW", decisionOn: "2007-08-01", decisionRationale: "x".repeat(1001) },
      ["decisionRationale"],
      "OUT_OF_RANGE",
    ),
    apiError: "QUERY_LIMIT_EXCEEDED",
  },
  c(
    "incident",
    "the review covering it exists",
    { decision: "SCR_INITIATED", decisionOn: "2007-08-01", reviewReference: "SCR-NONE" },
    ["reviewReference"],
    "NOT_FOUND",
  ),
  c(
    "incident",
    "only an SCR_INITIATED incident has a review",
    { decision: "NO_REVIEW", decisionOn: "2007-08-01", reviewReference: "SCR-T-DONE" },
    ["reviewReference"],
    "INCONSISTENT",
  ),
  c("review", "a review is completed after it is decided on", { completedOn: "2008-01-01" }, ["completedOn"], "DATE_ORDER"),
  c("review", "the lead board exists", { leadBoardCode: "E06000999" }, ["leadBoardCode"], "NOT_FOUND"),
  c(
    "review",
    "the lead board is in force on the decision date",
    { leadBoardCode: "E10000002", initiatedOn: "2009-06-01", completedOn: null },
    ["leadBoardCode"],
    "NOT_IN_FORCE",
  ),
  c("review", "a review is not decided in the future", { initiatedOn: "2999-01-01", completedOn: null }, ["initiatedOn"], "OUT_OF_RANGE"),
  c(
    "review",
    "an agency is listed once",
    {
      agencies: [
        { agency: "POLICE", cooperated: true, managementReviewSubmitted: true },
        { agency: "POLICE", cooperated: false, managementReviewSubmitted: false },
      ],
    },
    ["agencies", 1, "agency"],
    "ALREADY_EXISTS",
  ),
  c("review", "a reference is taken once", { reference: "SCR-T-OPEN" }, ["reference"], "ALREADY_EXISTS"),
  c("evaluation", "only a completed review is evaluated", { reviewReference: "SCR-T-OPEN" }, ["reviewReference"], "NOT_COMPLETED"),
  c("evaluation", "a review is evaluated once", { reviewReference: "SCR-T-EVALD" }, ["reviewReference"], "ALREADY_EXISTS"),
  c("evaluation", "the review exists", { reviewReference: "SCR-NONE" }, ["reviewReference"], "NOT_FOUND"),
  c("evaluation", "a review is received after it is completed", { receivedOn: "2008-01-10" }, ["receivedOn"], "DATE_ORDER"),
  c("evaluation", "a review is evaluated after it is received", { evaluatedOn: "2008-01-31" }, ["evaluatedOn"], "DATE_ORDER"),
  c("evaluation", "a grade has an evaluation date", { evaluatedOn: null }, ["evaluatedOn"], "REQUIRED"),
  c("evaluation", "an evaluation date has a grade", { grade: null }, ["grade"], "REQUIRED"),
  c("finding", "a category belongs to its source", { source: "EVALUATION", category: "MULTI_AGENCY_WORKING" }, ["category"], "INCONSISTENT"),
  c("finding", "the summary is required", { summary: "" }, ["summary"], "REQUIRED"),
  {
    ...c("finding", "the summary is at most 1000 characters", { summary: "y".repeat(1001) }, ["summary"], "OUT_OF_RANGE"),
    apiError: "QUERY_LIMIT_EXCEEDED",
  },
  c("finding", "the review exists", { reviewReference: "SCR-NONE" }, ["reviewReference"], "NOT_FOUND"),
  c("author", "a reference is capitals, digits and hyphens", { reference: "aut-1" }, ["reference"], "INVALID_FORMAT"),
  c("author", "the display name is at most 200 characters", { displayName: "z".repeat(201) }, ["displayName"], "OUT_OF_RANGE"),
  c("author", "a reference is taken once", { reference: "AUT-T-0001" }, ["reference"], "ALREADY_EXISTS"),
  c("competency", "review methodology has a level", { area: "REVIEW_METHODOLOGY", years: null }, ["level"], "REQUIRED"),
  c("competency", "only review methodology has a level", { area: "CHAIRING", years: null, level: "TRAINED" }, ["level"], "INCONSISTENT"),
  c("competency", "practice is counted in years", { years: null }, ["years"], "REQUIRED"),
  c("competency", "only practice has years", { area: "CHAIRING" }, ["years"], "INCONSISTENT"),
  c("competency", "years are not negative", { years: -2 }, ["years"], "OUT_OF_RANGE"),
  c("competency", "a competency lapses after it is attained", { expiresOn: "2003-12-31" }, ["expiresOn"], "DATE_ORDER"),
  c("competency", "the author exists", { authorReference: "AUT-NONE" }, ["authorReference"], "NOT_FOUND"),
  c("authorship", "the author exists", { authorReference: "AUT-NONE" }, ["authorReference"], "NOT_FOUND"),
  c("authorship", "the review exists", { reviewReference: "SCR-NONE" }, ["reviewReference"], "NOT_FOUND"),
];
