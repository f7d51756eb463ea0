// A serious case review and the agencies that took part: natural key its reference.
import { AgencyType, GuidanceEdition, ReviewCriteria, ReviewMethodology } from "../../generated/sqlite/enums";
import type { Known, References } from "./lookup";
import { named, requireInForce } from "./references";
import { type Problem, Problems, REFERENCE } from "./problems";
import { GSS_CODE } from "./board";

export interface ReviewAgencyInput {
  agency: string;
  cooperated: boolean;
  managementReviewSubmitted: boolean;
}

export interface ReviewInput {
  reference: string;
  leadBoardCode: string;
  /** The date of the decision to hold the review. */
  initiatedOn: string;
  completedOn?: string | null;
  criteria: string;
  methodology: string;
  guidanceEdition: string;
  /** The agencies that took part; each at most once. Empty when none is recorded. */
  agencies?: ReviewAgencyInput[] | null;
}

export const CRITERIA = Object.values(ReviewCriteria);
export const METHODOLOGIES = Object.values(ReviewMethodology);
export const GUIDANCE_EDITIONS = Object.values(GuidanceEdition);
export const AGENCIES = Object.values(AgencyType);

export const reviewKey = (input: Pick<ReviewInput, "reference">) => input.reference;

/** The review's own reference is looked up too: an update must keep its completion on or before its evaluation's receipt. */
export const reviewReferences = (input: ReviewInput): References => ({ boards: [input.leadBoardCode], reviews: [input.reference] });

export function validateReview(input: ReviewInput, known: Known): Problem[] {
  const p = new Problems();
  const reference = p.code(["reference"], input.reference, {
    required: true,
    pattern: REFERENCE,
    what: "review reference",
    example: "SCR-2007-0001",
  });
  const code = p.code(["leadBoardCode"], input.leadBoardCode, { required: true, pattern: GSS_CODE, what: "board code", example: "E06000005" });
  const board = named(p, ["leadBoardCode"], code, known.boards, "board");
  const initiatedOn = p.date(["initiatedOn"], input.initiatedOn, { required: true, notFuture: true });
  const completedOn = p.date(["completedOn"], input.completedOn, { required: false, notFuture: true });
  p.order(
    { path: ["initiatedOn"], value: initiatedOn },
    { path: ["completedOn"], value: completedOn },
    "a review is completed after it is decided on.",
  );
  // Reviews initiated are counted by decision date against the lead board then in force.
  requireInForce(p, ["leadBoardCode"], board, initiatedOn, "initiatedOn");
  p.oneOf(["criteria"], input.criteria, CRITERIA, { required: true });
  p.oneOf(["methodology"], input.methodology, METHODOLOGIES, { required: true });
  p.oneOf(["guidanceEdition"], input.guidanceEdition, GUIDANCE_EDITIONS, { required: true });
  validateAgencies(p, input.agencies);
  // An evaluated review: its evaluation stays valid only while the review was completed by its receipt.
  const evaluation = reference === undefined ? null : (known.reviews.get(reference)?.evaluation ?? null);
  if (evaluation && input.completedOn == null)
    p.add(
      ["completedOn"],
      "IN_USE",
      `The review has an evaluation (received ${evaluation.receivedOn}), so it stays completed; give its completion date.`,
    );
  if (evaluation && completedOn !== undefined && completedOn > evaluation.receivedOn)
    p.add(
      ["completedOn"],
      "DATE_ORDER",
      `completedOn ${completedOn} is after the evaluation's receivedOn ${evaluation.receivedOn}: the inspectorate received the completed review.`,
    );
  return p.list;
}

function validateAgencies(p: Problems, agencies: ReviewAgencyInput[] | null | undefined): void {
  if (agencies === undefined || agencies === null) return;
  if (!Array.isArray(agencies)) {
    p.add(["agencies"], "INVALID_FORMAT", "agencies must be a list.");
    return;
  }
  const seen = new Map<string, number>();
  agencies.forEach((a, i) => {
    const agency = p.oneOf(["agencies", i, "agency"], a?.agency, AGENCIES, { required: true });
    p.bool(["agencies", i, "cooperated"], a?.cooperated, { required: true });
    p.bool(["agencies", i, "managementReviewSubmitted"], a?.managementReviewSubmitted, { required: true });
    if (agency === undefined) return;
    if (seen.has(agency))
      p.add(
        ["agencies", i, "agency"],
        "ALREADY_EXISTS",
        `The agency ${agency} is listed twice (also at position ${seen.get(agency)}); list each agency once.`,
      );
    else seen.set(agency, i);
  });
}
