// The sources of records whose coverage stewards state (coverage.ts), on their own so the table of measures can
// name them without importing the coverage rule (which reads figures, which read the table).
export const COVERAGE_SOURCES = ["INCIDENT_NOTIFICATIONS", "REVIEW_DECISIONS", "EVALUATIONS", "POPULATIONS"] as const;
export type CoverageSource = (typeof COVERAGE_SOURCES)[number];
