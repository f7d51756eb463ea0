// What each role may do: the one table that scopes, redaction, suppression, the partner's periods, the cost
// budget, the schema a key is served and the request audit all ask. Nothing else names a role to decide
// anything; a new role is one entry here (and a value of the Role enum in the Prisma schema).
import type { Role } from "../generated/sqlite/enums";

export interface RoleCapabilities {
  /** Case-level records (incidents, reviews, findings, authors), and so the full schema; else the statistical surface. */
  caseLevelRecords: boolean;
  /** Free text and author names (a board's rationale, a finding's summary). */
  freeText: boolean;
  /** Create, correct and import data. */
  mutate: boolean;
  /** Read the audit log. */
  readAuditLog: boolean;
  /** Issue and revoke API keys. */
  issueKeys: boolean;
  /** Which periods it may ask about: any, or one financial year at a time (so periods cannot be subtracted). */
  periods: "any" | "oneFinancialYear";
  /** The largest cost one request may have. */
  costBudget: number;
  /** Figures pass through small-number suppression (primary and secondary). */
  suppressed: boolean;
  /** Every request is recorded in the audit log before its answer leaves (no record, no answer). */
  audited: boolean;
}

/** Every role, most powerful first (the order of the key tool's messages). */
export const ROLE_CAPABILITIES = {
  ADMIN: {
    caseLevelRecords: true,
    freeText: true,
    mutate: true,
    readAuditLog: true,
    issueKeys: true,
    periods: "any",
    costBudget: 50_000,
    suppressed: false,
    audited: false,
  },
  STEWARD: {
    caseLevelRecords: true,
    freeText: true,
    mutate: true,
    readAuditLog: false,
    issueKeys: false,
    periods: "any",
    costBudget: 50_000,
    suppressed: false,
    audited: false,
  },
  ANALYST: {
    caseLevelRecords: true,
    freeText: true,
    mutate: false,
    readAuditLog: false,
    issueKeys: false,
    periods: "any",
    costBudget: 50_000,
    suppressed: false,
    audited: false,
  },
  // A research partner: figures only, suppressed, one financial year at a time, every request audited.
  PARTNER: {
    caseLevelRecords: false,
    freeText: false,
    mutate: false,
    readAuditLog: false,
    issueKeys: false,
    periods: "oneFinancialYear",
    costBudget: 20_000,
    suppressed: true,
    audited: true,
  },
} as const satisfies Record<Role, RoleCapabilities>;

/** Every role, most powerful first. */
export const ROLES = Object.keys(ROLE_CAPABILITIES) as Role[];

export function capabilitiesOf(role: Role): RoleCapabilities {
  return ROLE_CAPABILITIES[role];
}

/** Every role, least powerful first (the order of error messages' lists of roles). */
export const ROLES_ASCENDING: readonly Role[] = [...ROLES].reverse();

/** The roles that have a capability, least powerful first. */
export function rolesThat(has: (capabilities: RoleCapabilities) => boolean): Role[] {
  return ROLES_ASCENDING.filter((role) => has(ROLE_CAPABILITIES[role]));
}
