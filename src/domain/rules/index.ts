// The domain's rules, each defined once with every form it is used in: a TypeScript predicate (API fields,
// the seed), a SQL fragment (the Stats figures, and the computed fields and group-by dimensions of the query
// compiler) and, where the API filters on it, the filter. test/api/rules-agree.test.ts checks, row by row on
// the seed and on both databases, that the TypeScript and SQL forms agree. Policy settings the rules read stay
// in ../policy.ts; SQL that differs between the databases goes through the query compiler's dialect.
//
// A new rule: one file here (its predicate, its SQL, and its filter or computed-field name if the API has one),
// exported below, and a block in rules-agree.test.ts; then call it wherever it is used.
export { qualifyingDeath, type QualifyingDeathFacts } from "./qualifying-death";
export { withinTarget, today, type ReviewDates } from "./within-target";
export { competencyHeld, type CompetencyDates } from "./competency-held";
export { authorStandard, type AuthorRecord, type CompetencyRecord, type StandardAssessment, type StandardShortfall } from "./author-standard";
export { mixedBackgrounds } from "./mixed-backgrounds";
