// The incident enums and their operator inputs, apart from the Incident type so that the where inputs
// (src/schema/common/where.ts) can use them without importing the types that use the where inputs.
import { builder } from "../builder";

export const IncidentNature = builder.enumType("IncidentNature", {
  description: "What happened to the child, as notified.",
  values: {
    DEATH: { description: "The child died." },
    SERIOUS_HARM: { description: "The child was seriously harmed." },
    NOT_KNOWN: { description: "Not yet known at notification." },
  } as const,
});

export const ChildAgeBand = builder.enumType("ChildAgeBand", {
  description: "The child's age at the incident, in the DfE's bands.",
  values: {
    UNDER_1: { description: "Under one year old." },
    AGE_1_TO_4: { description: "One to four." },
    AGE_5_TO_9: { description: "Five to nine." },
    AGE_10_TO_15: { description: "Ten to fifteen." },
    AGE_16_TO_17: { description: "Sixteen or seventeen." },
  } as const,
});

export const ReviewDecision = builder.enumType("ReviewDecision", {
  description: "What the board decided about reviewing an incident.",
  values: {
    SCR_INITIATED: { description: "A serious case review was started." },
    CASE_FILE_AUDIT: { description: "A case file audit instead of an SCR (the shortcut the inspectors criticised in 2008)." },
    OTHER_REVIEW: { description: "Another kind of review (single-agency, management review)." },
    NO_REVIEW: { description: "No review." },
    PENDING: { description: "Not yet decided." },
  } as const,
});

const EnumFilterDocs = (what: string) => `Conditions on ${what}; all given conditions must hold.`;

export const IncidentNatureFilter = builder.inputType("IncidentNatureFilter", {
  description: EnumFilterDocs("an incident's nature"),
  fields: (t) => ({
    eq: t.field({ type: IncidentNature, description: "Exactly this nature." }),
    in: t.field({ type: [IncidentNature], description: "One of these natures." }),
    notIn: t.field({ type: [IncidentNature], description: "None of these natures." }),
  }),
});

export const ReviewDecisionFilter = builder.inputType("ReviewDecisionFilter", {
  description: EnumFilterDocs("a board's review decision"),
  fields: (t) => ({
    eq: t.field({ type: ReviewDecision, description: "Exactly this decision." }),
    in: t.field({ type: [ReviewDecision], description: "One of these decisions." }),
    notIn: t.field({ type: [ReviewDecision], description: "None of these decisions." }),
  }),
});

export const ChildAgeBandFilter = builder.inputType("ChildAgeBandFilter", {
  description: EnumFilterDocs("the child's age band"),
  fields: (t) => ({
    eq: t.field({ type: ChildAgeBand, description: "Exactly this band." }),
    in: t.field({ type: [ChildAgeBand], description: "One of these bands." }),
    notIn: t.field({ type: [ChildAgeBand], description: "None of these bands." }),
  }),
});
