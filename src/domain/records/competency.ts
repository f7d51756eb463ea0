// A competency an author holds: natural key the author's reference, the area and the date attained.
import { CompetencyArea, CompetencyLevel } from "../../generated/sqlite/enums";
import type { Known, References } from "./lookup";
import { named } from "./references";
import { type Problem, Problems, REFERENCE } from "./problems";

export interface CompetencyInput {
  authorReference: string;
  area: string;
  /** REVIEW_METHODOLOGY only: TRAINED or ACCREDITED. */
  level?: string | null;
  /** CHILD_PROTECTION_PRACTICE only: years of practice. */
  years?: number | null;
  attainedOn: string;
  /** The first day it is no longer held; absent if it does not lapse. */
  expiresOn?: string | null;
}

export const AREAS = Object.values(CompetencyArea);
export const LEVELS = Object.values(CompetencyLevel);
/** The area that is held at a level, and the one measured in years (the author standard reads both). */
const LEVELLED = "REVIEW_METHODOLOGY";
const IN_YEARS = "CHILD_PROTECTION_PRACTICE";

export const competencyKey = (input: Pick<CompetencyInput, "authorReference" | "area" | "attainedOn">) =>
  `${input.authorReference}/${input.area}/${input.attainedOn}`;

export const competencyReferences = (input: CompetencyInput): References => ({ authors: [input.authorReference] });

export function validateCompetency(input: CompetencyInput, known: Known): Problem[] {
  const p = new Problems();
  const reference = p.code(["authorReference"], input.authorReference, {
    required: true,
    pattern: REFERENCE,
    what: "author reference",
    example: "AUT-0001",
  });
  named(p, ["authorReference"], reference, known.authors, "author");
  const area = p.oneOf(["area"], input.area, AREAS, { required: true });
  const level = p.oneOf(["level"], input.level, LEVELS, { required: false });
  const years = p.int(["years"], input.years, { required: false, min: 0, max: 60, what: "Years of practice" });
  if (area === LEVELLED && input.level == null) p.add(["level"], "REQUIRED", `level is required for ${LEVELLED}: TRAINED or ACCREDITED.`);
  if (area !== undefined && area !== LEVELLED && level !== undefined)
    p.add(["level"], "INCONSISTENT", `Only ${LEVELLED} has a level; leave it out for ${area}.`);
  if (area === IN_YEARS && input.years == null) p.add(["years"], "REQUIRED", `years is required for ${IN_YEARS}: the years of practice.`);
  if (area !== undefined && area !== IN_YEARS && years !== undefined)
    p.add(["years"], "INCONSISTENT", `Only ${IN_YEARS} is counted in years; leave it out for ${area}.`);
  const attainedOn = p.date(["attainedOn"], input.attainedOn, { required: true, notFuture: true });
  const expiresOn = p.date(["expiresOn"], input.expiresOn, { required: false });
  p.order({ path: ["attainedOn"], value: attainedOn }, { path: ["expiresOn"], value: expiresOn }, "a competency lapses after it is attained.");
  return p.list;
}
