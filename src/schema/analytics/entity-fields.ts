// Computed fields this module adds to reviews, authors and incidents: timeliness and the author standard. Those
// read from a row's relations are also written in SQL (domain/query/row-values.ts) and registered below, so the
// compiled read computes them in its one statement; their resolvers serve the resolvers' read path.
import { builder } from "../builder";
import { daysBetween, isIsoDate } from "../../domain/dates";
import { authorStandard, type StandardShortfall as Shortfall, today, withinTarget } from "../../domain/rules";
import { MINIMUM_AUTHOR_STANDARD, REVIEW_COMPLETION_TARGET_MONTHS } from "../../domain/policy";
import { AuthorBackground } from "../authors/enums";
import { badInput } from "../../errors";
import { CURRENT } from "../../domain/withdrawal";
import { authorBackgroundsJson, authorsMeetStandardJson, readStandardJson, standardOnJson } from "../../domain/query/row-values";
import { toNumber } from "../../domain/query/dialect";
import { registerRowValue } from "../common/compiled-read";

// Current records only, as the rules' SQL reads them (a withdrawn competency or authorship counts for nothing).
const competencyFields = { where: CURRENT, select: { area: true, level: true, years: true, attainedOn: true, expiresOn: true } } as const;

builder.prismaObjectFields("Review", (t) => ({
  targetDate: t.field({
    type: "Date",
    description: `The target completion date: ${REVIEW_COMPLETION_TARGET_MONTHS} months after the decision (same day of the month, or the month's last day).`,
    select: { initiatedOn: true },
    resolve: (r) => withinTarget.targetDate(r.initiatedOn),
  }),
  daysToComplete: t.int({
    nullable: true,
    description: "Days from the decision to hold the review to its completion; null while it is open.",
    select: { initiatedOn: true, completedOn: true },
    resolve: (r) => (r.completedOn === null ? null : daysBetween(r.initiatedOn, r.completedOn)),
  }),
  withinTarget: t.boolean({
    nullable: true,
    description:
      "Whether the review was completed by its target date; for an open review, false once the target date has passed (today), null before.",
    select: { initiatedOn: true, completedOn: true },
    resolve: (r) => withinTarget.status(r, today()),
  }),
  authorBackgrounds: t.field({
    type: [AuthorBackground],
    description: "The distinct professional backgrounds of the review's authors (panel chairs and overview authors), sorted.",
    select: { authorships: { where: CURRENT, select: { author: { select: { background: true } } } } },
    resolve: (r) => [...new Set(r.authorships.map((a) => a.author.background))].sort(),
  }),
  authorsMeetStandard: t.boolean({
    description:
      "True when the review has at least one overview author and every overview author met the minimum author standard on the review's decision date.",
    select: {
      initiatedOn: true,
      authorships: { where: CURRENT, select: { role: true, author: { select: { independent: true, competencies: competencyFields } } } },
    },
    resolve: (r) => authorStandard.reviewMeets(r.initiatedOn, r.authorships),
  }),
}));

registerRowValue("Review", "authorBackgrounds", () => ({ value: authorBackgroundsJson, read: (json) => json ?? [] }));
registerRowValue("Review", "authorsMeetStandard", () => ({ value: authorsMeetStandardJson, read: (json) => toNumber(json) === 1 }));

export const StandardShortfall = builder.enumType("StandardShortfall", {
  description: "A way an author falls short of the minimum author standard on a date.",
  values: {
    NOT_INDEPENDENT: { description: "Not independent of the board's agencies." },
    NO_REVIEW_METHODOLOGY: { description: `Did not hold REVIEW_METHODOLOGY at ${MINIMUM_AUTHOR_STANDARD.minimumMethodologyLevel} or above.` },
    TOO_FEW_PRACTICE_YEARS: { description: `Had fewer than ${MINIMUM_AUTHOR_STANDARD.minimumPracticeYears} years of CHILD_PROTECTION_PRACTICE.` },
  } as const,
});

interface AssessmentShape {
  on: string;
  meets: boolean;
  shortfalls: Shortfall[];
  practiceYears: number | null;
}

export const AuthorStandardAssessment = builder.objectRef<AssessmentShape>("AuthorStandardAssessment").implement({
  description: `Whether an author met the minimum standard on a date (${MINIMUM_AUTHOR_STANDARD.requireIndependent ? "independent, " : ""}REVIEW_METHODOLOGY at least ${MINIMUM_AUTHOR_STANDARD.minimumMethodologyLevel}, at least ${MINIMUM_AUTHOR_STANDARD.minimumPracticeYears} years of child protection practice), and if not, why.`,
  fields: (t) => ({
    on: t.field({ type: "Date", description: "The date assessed.", resolve: (a) => a.on }),
    meets: t.exposeBoolean("meets", { description: "True when every part of the standard was met." }),
    shortfalls: t.field({ type: [StandardShortfall], description: "The parts not met (empty when it is met).", resolve: (a) => a.shortfalls }),
    practiceYears: t.exposeInt("practiceYears", {
      nullable: true,
      description: "Whole years of child protection practice held on the date; null when none is recorded.",
    }),
  }),
});

builder.prismaObjectField("Author", "meetsMinimumStandard", (t) =>
  t.field({
    type: AuthorStandardAssessment,
    description: "Whether the author met the minimum author standard on a date, with the reasons when not.",
    args: { at: t.arg({ type: "Date", required: true, description: "The date to assess, e.g. a review's decision date." }) },
    select: { independent: true, competencies: competencyFields },
    resolve: (author, args) => {
      if (!isIsoDate(args.at)) throw notADate(args.at);
      return { on: args.at, ...authorStandard.assess(author, args.at) };
    },
  }),
);

const notADate = (at: string) => badInput(`at '${at}' is not a date; write it as YYYY-MM-DD`, "at");

registerRowValue("Author", "meetsMinimumStandard", (args) => {
  const at = args.at as string;
  if (!isIsoDate(at)) return notADate(at);
  return { value: standardOnJson(at), read: (json): AssessmentShape => ({ on: at, ...readStandardJson(json) }) };
});
