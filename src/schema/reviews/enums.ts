// The review enums and their operator inputs, apart from the Review type so that the where inputs
// (src/schema/common/where.ts) can use them without importing the types that use the where inputs.
import type {
  EvaluationGrade as Grade,
  FindingCategory as Category,
  FindingSource as Source,
  ReviewCriteria as Criteria,
  ReviewMethodology as Methodology,
} from "../../generated/sqlite/enums";
import { builder } from "../builder";
import type { Nullable } from "../common/filters";

export const ReviewCriteria = builder.enumType("ReviewCriteria", {
  description: "The Working Together criterion a review was held under.",
  values: {
    DEATH_ABUSE_NEGLECT: { description: "A child died and abuse or neglect was known or suspected." },
    LIFE_THREATENING_INJURY: { description: "Potentially life-threatening injury or serious, permanent impairment through abuse or neglect." },
    SERIOUS_SEXUAL_ABUSE: { description: "Particularly serious sexual abuse." },
    PARENT_MURDERED: { description: "A parent was murdered and a homicide review is being held." },
    KILLED_BY_PARENT_MENTAL_ILLNESS: { description: "The child was killed by a parent with a mental illness." },
    INTERAGENCY_CONCERN: { description: "The case raises concerns about how agencies worked together." },
  } as const,
});

export const ReviewMethodology = builder.enumType("ReviewMethodology", {
  description: "How a review was carried out.",
  values: {
    IMR_OVERVIEW: { description: "Individual management reviews by each agency and an overview report." },
    SCIE_LEARNING_TOGETHER: { description: "SCIE's Learning Together systems model." },
    SILP: { description: "Significant Incident Learning Process." },
    OTHER: { description: "Another method." },
  } as const,
});

export const GuidanceEdition = builder.enumType("GuidanceEdition", {
  description: "The edition of Working Together to Safeguard Children the review was held under.",
  values: {
    WT1999: { description: "Working Together 1999 (reviews decided before April 2006)." },
    WT2006: { description: "Working Together 2006, chapter 8." },
    WT2010: { description: "Working Together 2010, chapter 8." },
  } as const,
});

export const EvaluationGrade = builder.enumType("EvaluationGrade", {
  description: "The inspectorate's overall judgement of a review. No review was graded outstanding before October 2009.",
  values: {
    OUTSTANDING: { description: "Outstanding." },
    GOOD: { description: "Good." },
    ADEQUATE: { description: "Adequate." },
    INADEQUATE: { description: "Inadequate." },
  } as const,
});

export const Inspectorate = builder.enumType("Inspectorate", {
  description: "The body that evaluated a review.",
  values: {
    CSCI: { description: "Commission for Social Care Inspection (before April 2007)." },
    OFSTED: { description: "Ofsted (from April 2007)." },
  } as const,
});

export const FindingSource = builder.enumType("FindingSource", {
  description: "Who made a finding.",
  values: {
    EVALUATION: { description: "The inspectorate, about the review's quality (the reasons behind a grade)." },
    REVIEW: { description: "The review itself, about practice (its learning)." },
  } as const,
});

export const FindingCategory = builder.enumType("FindingCategory", {
  description: "What a finding is about. The first eight are evaluation findings; the rest are review learning.",
  values: {
    INSUFFICIENT_CHILD_FOCUS: { description: "Evaluation: insufficient focus on the child." },
    INSUFFICIENT_CHALLENGE_OF_PRACTICE: { description: "Evaluation: lack of rigour in challenging poor practice." },
    INFORMATION_GAPS: { description: "Evaluation: gaps in information not identified or addressed." },
    PARTNER_NON_COOPERATION: { description: "Evaluation: the review failed to secure key partner agencies' co-operation." },
    INSUFFICIENT_INDEPENDENCE: { description: "Evaluation: the review or its authors were not independent enough." },
    DELAY: { description: "Evaluation: the review was unduly delayed." },
    WEAK_RISK_ASSESSMENT: { description: "Evaluation: weak analysis of risk." },
    ETHNIC_CULTURAL_ISSUES_MISSED: { description: "Evaluation: ethnic, cultural or religious issues not considered." },
    FOCUS_ON_GOOD_PRACTICE: { description: "Learning: good practice to build on." },
    ENSURE_NECESSARY_ACTION: { description: "Learning: make sure necessary action is taken." },
    USE_ALL_INFORMATION: { description: "Learning: use all the information available." },
    EFFECTIVE_ASSESSMENT: { description: "Learning: assess effectively." },
    MULTI_AGENCY_WORKING: { description: "Learning: agencies working together." },
    CHALLENGE_SUPERVISION_SCRUTINY: { description: "Learning: challenge, supervision and scrutiny." },
    PARENTAL_SUBSTANCE_MISUSE: { description: "Risk factor: parental substance misuse." },
    PARENTAL_MENTAL_HEALTH: { description: "Risk factor: parental mental ill-health." },
    DOMESTIC_ABUSE: { description: "Risk factor: domestic abuse." },
  } as const,
});

export const AgencyType = builder.enumType("AgencyType", {
  description: "A kind of agency that takes part in reviews.",
  values: {
    CHILDRENS_SOCIAL_CARE: { description: "Local authority children's social care." },
    POLICE: { description: "Police." },
    HEALTH_TRUST: { description: "NHS trust or foundation trust." },
    PRIMARY_CARE_TRUST: { description: "Primary care trust." },
    GP: { description: "General practice." },
    EDUCATION: { description: "Schools and education services." },
    PROBATION: { description: "Probation." },
    YOUTH_OFFENDING: { description: "Youth offending team." },
    CAFCASS: { description: "Children and Family Court Advisory and Support Service." },
    ADULT_MENTAL_HEALTH: { description: "Adult mental health services." },
    SUBSTANCE_MISUSE: { description: "Substance misuse services." },
    HOUSING: { description: "Housing." },
    ADULT_SOCIAL_CARE: { description: "Adult social care." },
    OTHER: { description: "Another agency." },
  } as const,
});

export const AuthorshipRole = builder.enumType("AuthorshipRole", {
  description: "An author's part in a review.",
  values: {
    PANEL_CHAIR: { description: "Chaired the review panel." },
    OVERVIEW_AUTHOR: { description: "Wrote the overview report." },
  } as const,
});

/** Conditions on an enum column; a subset of the range operators. */
export interface EnumInput<T> {
  eq?: Nullable<T>;
  in?: Nullable<readonly T[]>;
  notIn?: Nullable<readonly T[]>;
  isNull?: Nullable<boolean>;
}

export const EvaluationGradeFilter = builder.inputRef<EnumInput<Grade>>("EvaluationGradeFilter").implement({
  description: "Conditions on an evaluation grade; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: EvaluationGrade, description: "Exactly this value." }),
    in: t.field({ type: [EvaluationGrade], description: "One of these values." }),
    notIn: t.field({ type: [EvaluationGrade], description: "None of these values (an ungraded evaluation does not match)." }),
    isNull: t.boolean({ description: "True: not yet graded. False: graded." }),
  }),
});

export const FindingCategoryFilter = builder.inputRef<EnumInput<Category>>("FindingCategoryFilter").implement({
  description: "Conditions on a finding category; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: FindingCategory, description: "Exactly this value." }),
    in: t.field({ type: [FindingCategory], description: "One of these values." }),
    notIn: t.field({ type: [FindingCategory], description: "None of these values." }),
  }),
});

export const FindingSourceFilter = builder.inputRef<EnumInput<Source>>("FindingSourceFilter").implement({
  description: "Conditions on a finding source; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: FindingSource, description: "Exactly this value." }),
    in: t.field({ type: [FindingSource], description: "One of these values." }),
    notIn: t.field({ type: [FindingSource], description: "None of these values." }),
  }),
});

export const ReviewCriteriaFilter = builder.inputRef<EnumInput<Criteria>>("ReviewCriteriaFilter").implement({
  description: "Conditions on review criteria; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: ReviewCriteria, description: "Exactly this value." }),
    in: t.field({ type: [ReviewCriteria], description: "One of these values." }),
    notIn: t.field({ type: [ReviewCriteria], description: "None of these values." }),
  }),
});

export const ReviewMethodologyFilter = builder.inputRef<EnumInput<Methodology>>("ReviewMethodologyFilter").implement({
  description: "Conditions on a review's methodology; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: ReviewMethodology, description: "Exactly this value." }),
    in: t.field({ type: [ReviewMethodology], description: "One of these values." }),
    notIn: t.field({ type: [ReviewMethodology], description: "None of these values." }),
  }),
});
