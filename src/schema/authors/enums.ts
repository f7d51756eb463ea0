// The author enums, apart from the Author type so that the where inputs (src/schema/common/where.ts) can use
// them without importing the types that use the where inputs.
import { builder } from "../builder";

export const AuthorBackground = builder.enumType("AuthorBackground", {
  description: "An author's professional background.",
  values: {
    SOCIAL_WORK: { description: "Social work." },
    HEALTH: { description: "Health." },
    POLICE: { description: "Police." },
    EDUCATION: { description: "Education." },
    LEGAL: { description: "Law." },
    PROBATION: { description: "Probation." },
    ACADEMIC: { description: "Academic research." },
    OTHER: { description: "Another background." },
  } as const,
});

export const CompetencyArea = builder.enumType("CompetencyArea", {
  description: "An area of competence an author can hold.",
  values: {
    REVIEW_METHODOLOGY: { description: "Review methodology, held at a level (TRAINED or ACCREDITED)." },
    CHILD_PROTECTION_PRACTICE: { description: "Child protection practice, held as years of experience." },
    MULTI_AGENCY_WORKING: { description: "Multi-agency working." },
    CHAIRING: { description: "Chairing." },
    REPORT_WRITING: { description: "Report writing." },
  } as const,
});

export const CompetencyLevel = builder.enumType("CompetencyLevel", {
  description: "Level of a review-methodology competency.",
  values: {
    TRAINED: { description: "Completed training (e.g. a foundation course)." },
    ACCREDITED: { description: "Accredited as a lead reviewer." },
  } as const,
});
