// A serious incident notification and the board's decision about it: natural key its reference.
import { ChildAgeBand, IncidentNature, ReviewDecision } from "../../generated/sqlite/enums";
import type { Known, References } from "./lookup";
import { named, requireInForce } from "./references";
import { type Problem, Problems, REFERENCE } from "./problems";
import { GSS_CODE } from "./board";

export interface IncidentInput {
  reference: string;
  boardCode: string;
  occurredOn: string;
  notifiedOn: string;
  nature: string;
  abuseOrNeglectSuspected: boolean;
  childAgeBand: string;
  /** PENDING when absent. */
  decision?: string | null;
  decisionOn?: string | null;
  /** Sensitive free text: why the board decided as it did. */
  decisionRationale?: string | null;
  /** The review that covers this incident (its decision must be SCR_INITIATED). */
  reviewReference?: string | null;
}

export const NATURES = Object.values(IncidentNature);
export const AGE_BANDS = Object.values(ChildAgeBand);
export const DECISIONS = Object.values(ReviewDecision);
export const RATIONALE_MAX = 4000;

export const incidentKey = (input: Pick<IncidentInput, "reference">) => input.reference;

export const incidentReferences = (input: IncidentInput): References => ({
  boards: [input.boardCode],
  reviews: input.reviewReference ? [input.reviewReference] : [],
});

export function validateIncident(input: IncidentInput, known: Known): Problem[] {
  const p = new Problems();
  p.code(["reference"], input.reference, { required: true, pattern: REFERENCE, what: "incident reference", example: "SIN-2007-00001" });
  const code = p.code(["boardCode"], input.boardCode, { required: true, pattern: GSS_CODE, what: "board code", example: "E06000005" });
  const board = named(p, ["boardCode"], code, known.boards, "board");
  const occurredOn = p.date(["occurredOn"], input.occurredOn, { required: true, notFuture: true });
  const notifiedOn = p.date(["notifiedOn"], input.notifiedOn, { required: true, notFuture: true });
  p.order({ path: ["occurredOn"], value: occurredOn }, { path: ["notifiedOn"], value: notifiedOn }, "an incident is notified after it happens.");
  // Incidents are counted by notification date against the board then in force.
  requireInForce(p, ["boardCode"], board, notifiedOn, "notifiedOn");
  p.oneOf(["nature"], input.nature, NATURES, { required: true });
  p.bool(["abuseOrNeglectSuspected"], input.abuseOrNeglectSuspected, { required: true });
  p.oneOf(["childAgeBand"], input.childAgeBand, AGE_BANDS, { required: true });
  validateDecision(p, input, notifiedOn, known);
  return p.list;
}

function validateDecision(p: Problems, input: IncidentInput, notifiedOn: string | undefined, known: Known): void {
  const decision = p.oneOf(["decision"], input.decision ?? "PENDING", DECISIONS, { required: true });
  const decisionOn = p.date(["decisionOn"], input.decisionOn, { required: false, notFuture: true });
  p.text(["decisionRationale"], input.decisionRationale, { required: false, max: RATIONALE_MAX, what: "The rationale" });
  if (decision === "PENDING" && input.decisionOn)
    p.add(["decisionOn"], "INCONSISTENT", "A PENDING decision has no date; give the decision with its date, or leave both out.");
  if (decision !== undefined && decision !== "PENDING" && !input.decisionOn)
    p.add(["decisionOn"], "REQUIRED", `decisionOn is required with the decision ${decision}: the date the board decided.`);
  p.order(
    { path: ["notifiedOn"], value: notifiedOn },
    { path: ["decisionOn"], value: decisionOn },
    "a board decides about an incident after it is notified.",
  );
  const reviewReference = input.reviewReference
    ? p.code(["reviewReference"], input.reviewReference, { required: false, pattern: REFERENCE, what: "review reference", example: "SCR-2007-0001" })
    : undefined;
  const review = named(p, ["reviewReference"], reviewReference, known.reviews, "review");
  if (review && decision !== undefined && decision !== "SCR_INITIATED")
    p.add(
      ["reviewReference"],
      "INCONSISTENT",
      `Only an incident whose decision is SCR_INITIATED can be covered by a review; this one's decision is ${decision}.`,
    );
}
