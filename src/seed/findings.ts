// What each review found (REVIEW findings), what the inspectorate said about it (EVALUATION findings), and
// which agencies took part. Agencies that did not co-operate appear exactly where an evaluation found
// PARTNER_NON_COOPERATION.
import type { Finding, ReviewAgency } from "./dataset";
import type { AgencyType, EvaluationGrade, FindingCategory } from "../generated/sqlite/enums";
import type { Rng } from "./random";

/** The reasons inspectors gave for inadequate reviews (Community Care 2008-07-15); every inadequate review has at
 * least one of them (A2). */
const CORE_INADEQUACY_REASONS: readonly FindingCategory[] = ["INSUFFICIENT_CHILD_FOCUS", "INSUFFICIENT_CHALLENGE_OF_PRACTICE", "INFORMATION_GAPS"];

const REVIEW_THEMES: readonly { category: FindingCategory; weight: number }[] = [
  { category: "MULTI_AGENCY_WORKING", weight: 22 },
  { category: "USE_ALL_INFORMATION", weight: 18 },
  { category: "EFFECTIVE_ASSESSMENT", weight: 18 },
  { category: "DOMESTIC_ABUSE", weight: 14 },
  { category: "PARENTAL_SUBSTANCE_MISUSE", weight: 12 },
  { category: "PARENTAL_MENTAL_HEALTH", weight: 11 },
  { category: "CHALLENGE_SUPERVISION_SCRUTINY", weight: 10 },
  { category: "ENSURE_NECESSARY_ACTION", weight: 8 },
  { category: "FOCUS_ON_GOOD_PRACTICE", weight: 5 },
];

const SUMMARY: Record<FindingCategory, string> = {
  INSUFFICIENT_CHILD_FOCUS: "Synthetic: the review did not keep the child's experience at its centre.",
  INSUFFICIENT_CHALLENGE_OF_PRACTICE: "Synthetic: the review accepted agencies' accounts without challenging poor practice.",
  INFORMATION_GAPS: "Synthetic: gaps in the information before the panel were not identified or addressed.",
  PARTNER_NON_COOPERATION: "Synthetic: the review did not secure the co-operation of a key partner agency.",
  INSUFFICIENT_INDEPENDENCE: "Synthetic: the overview author was not independent of the agencies reviewed.",
  DELAY: "Synthetic: the review took far longer than the four months expected.",
  WEAK_RISK_ASSESSMENT: "Synthetic: the review's analysis of risk to the child and siblings was weak.",
  ETHNIC_CULTURAL_ISSUES_MISSED: "Synthetic: issues of ethnicity, culture and language were not considered.",
  FOCUS_ON_GOOD_PRACTICE: "Synthetic: the review identified practice worth sharing as well as shortcomings.",
  ENSURE_NECESSARY_ACTION: "Synthetic: agreed actions were not followed through when concerns were raised.",
  USE_ALL_INFORMATION: "Synthetic: information held by agencies was not brought together and used.",
  EFFECTIVE_ASSESSMENT: "Synthetic: assessments did not consider the whole family and its history.",
  MULTI_AGENCY_WORKING: "Synthetic: agencies worked in parallel rather than together.",
  CHALLENGE_SUPERVISION_SCRUTINY: "Synthetic: supervision did not challenge practitioners' assumptions.",
  PARENTAL_SUBSTANCE_MISUSE: "Synthetic: the impact of parental substance misuse on the child was underestimated.",
  PARENTAL_MENTAL_HEALTH: "Synthetic: adult mental health services did not consider the children in the household.",
  DOMESTIC_ABUSE: "Synthetic: repeated domestic abuse incidents were not linked to risk to the child.",
};

export interface FindingTarget {
  reviewId: number;
  completed: boolean;
  grade: EvaluationGrade | null;
  durationDays: number | null;
  /** Whether every overview author was independent. */
  independentAuthors: boolean;
  partnerNonCooperation: boolean;
}

export function buildFindings(rng: Rng, targets: readonly FindingTarget[]): Finding[] {
  const findings: Finding[] = [];
  for (const t of targets) {
    const categories: { source: Finding["source"]; category: FindingCategory }[] = [];
    const evaluation = (category: FindingCategory) => categories.push({ source: "EVALUATION", category });
    if (t.grade === "INADEQUATE") {
      const core = rng.shuffle(CORE_INADEQUACY_REASONS).slice(
        0,
        rng.weightedPick([1, 2, 3], (n) => [5, 4, 1][n - 1] as number),
      );
      core.forEach(evaluation);
      if (t.partnerNonCooperation) evaluation("PARTNER_NON_COOPERATION");
      if (rng.chance(t.independentAuthors ? 0.08 : 0.6)) evaluation("INSUFFICIENT_INDEPENDENCE");
      if ((t.durationDays ?? 0) > 300 && rng.chance(0.6)) evaluation("DELAY");
      if (rng.chance(0.3)) evaluation("WEAK_RISK_ASSESSMENT");
      if (rng.chance(0.12)) evaluation("ETHNIC_CULTURAL_ISSUES_MISSED");
    } else if (t.grade === "ADEQUATE") {
      if ((t.durationDays ?? 0) > 240 && rng.chance(0.3)) evaluation("DELAY");
      if (rng.chance(0.2)) evaluation("INFORMATION_GAPS");
    } else if (t.partnerNonCooperation) {
      throw new Error("partner non-co-operation is only found in inadequate reviews");
    }
    if (t.completed) {
      const themes = rng.weightedSample(REVIEW_THEMES, rng.int(1, 4), (th) => th.weight);
      for (const theme of themes) categories.push({ source: "REVIEW", category: theme.category });
    }
    for (const c of categories) {
      findings.push({
        id: findings.length + 1,
        reviewId: t.reviewId,
        ...c,
        summary: SUMMARY[c.category],
        synthetic: true,
      });
    }
  }
  return findings;
}

const HEALTH: readonly AgencyType[] = ["HEALTH_TRUST", "PRIMARY_CARE_TRUST", "GP"];
const OPTIONAL_AGENCIES: readonly { agency: AgencyType; weight: number }[] = [
  { agency: "EDUCATION", weight: 30 },
  { agency: "HEALTH_TRUST", weight: 26 },
  { agency: "PRIMARY_CARE_TRUST", weight: 24 },
  { agency: "GP", weight: 24 },
  { agency: "ADULT_MENTAL_HEALTH", weight: 14 },
  { agency: "HOUSING", weight: 12 },
  { agency: "PROBATION", weight: 11 },
  { agency: "SUBSTANCE_MISUSE", weight: 9 },
  { agency: "CAFCASS", weight: 7 },
  { agency: "YOUTH_OFFENDING", weight: 6 },
  { agency: "ADULT_SOCIAL_CARE", weight: 5 },
  { agency: "OTHER", weight: 4 },
];
/** Agencies that sometimes contributed a report rather than a full individual management review. */
const MINOR: ReadonlySet<AgencyType> = new Set(["HOUSING", "ADULT_SOCIAL_CARE", "OTHER", "CAFCASS"]);

export function buildAgencies(rng: Rng, reviewId: number, partnerNonCooperation: boolean, firstId: number): ReviewAgency[] {
  const chosen = new Set<AgencyType>();
  // Children's social care, the police and a health agency take part in nearly every review (WT2006 ch. 8).
  if (rng.chance(0.99)) chosen.add("CHILDRENS_SOCIAL_CARE");
  if (rng.chance(0.95)) chosen.add("POLICE");
  if (rng.chance(0.98)) chosen.add(rng.pick(HEALTH));
  const size = rng.weightedPick([4, 5, 6, 7, 8, 9], (n) => [10, 20, 25, 22, 14, 9][n - 4] as number);
  const optional = OPTIONAL_AGENCIES.filter((o) => !chosen.has(o.agency));
  const extra = rng.weightedSample(optional, Math.max(0, size - chosen.size), (o) => o.weight);
  for (const o of extra) chosen.add(o.agency);

  const agencies = [...chosen];
  const refusing = new Set<AgencyType>();
  if (partnerNonCooperation) {
    const candidates = agencies.filter((a) => a !== "CHILDRENS_SOCIAL_CARE");
    for (const a of rng.shuffle(candidates).slice(0, rng.chance(0.8) ? 1 : 2)) refusing.add(a);
  }
  return agencies.map((agency, k) => {
    const cooperated = !refusing.has(agency);
    return {
      id: firstId + k,
      reviewId,
      agency,
      cooperated,
      managementReviewSubmitted: cooperated && !(MINOR.has(agency) && rng.chance(0.25)),
    };
  });
}
