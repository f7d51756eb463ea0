// Working shapes used while the dataset is generated. A review or incident is planned first (dates, grade,
// nature) and given a board, authors and findings in later steps; ids and references are assigned at the end,
// in date order, when the plans become rows.
import type { ChildAgeBand, EvaluationGrade, IncidentNature, ReviewDecision } from "../generated/sqlite/enums";

export interface IncidentPlan {
  nature: IncidentNature;
  abuseOrNeglectSuspected: boolean;
  childAgeBand: ChildAgeBand;
  occurredOn: string;
  notifiedOn: string;
  decision: ReviewDecision;
  decisionOn: string | null;
  decisionRationale: string | null;
  /** Set when the board is chosen. */
  boardId: number;
  review: ReviewPlan | null;
}

export interface ReviewPlan {
  /** Stable creation order, used to break ties when sorting. */
  key: number;
  /** The evaluation cell the review was built from, or "unfinished". */
  cell: string;
  initiatedOn: string;
  completedOn: string | null;
  receivedOn: string | null;
  evaluatedOn: string | null;
  grade: EvaluationGrade | null;
  incidents: IncidentPlan[];
  /** Set when the lead board is chosen. */
  boardId: number;
}

export const UNASSIGNED = 0;
