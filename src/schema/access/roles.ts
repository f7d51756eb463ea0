// The auth scopes of docs/disclosure.md and the roles that hold each, so that a FORBIDDEN error can name the role a
// field needs. No types here: builder.ts uses it before any type exists.
import type { Role } from "../../generated/sqlite/enums";
import type { Viewer } from "../../domain/keys";

export interface AuthScopes {
  /** Any valid key. */
  authenticated: boolean;
  /** Case-level records and free text: ANALYST, STEWARD, ADMIN. */
  caseDetail: boolean;
  /** Create and correct data: STEWARD, ADMIN. */
  steward: boolean;
  /** Keys and the audit log: ADMIN. */
  admin: boolean;
}

/** Which roles hold each scope. The one place that says so. */
export const SCOPE_ROLES: Record<keyof AuthScopes, readonly Role[]> = {
  authenticated: ["ADMIN", "STEWARD", "ANALYST", "PARTNER"],
  caseDetail: ["ADMIN", "STEWARD", "ANALYST"],
  steward: ["ADMIN", "STEWARD"],
  admin: ["ADMIN"],
};

export function scopesOf(viewer: Viewer | null): AuthScopes {
  const holds = (scope: keyof AuthScopes) => viewer !== null && SCOPE_ROLES[scope].includes(viewer.role);
  return { authenticated: holds("authenticated"), caseDetail: holds("caseDetail"), steward: holds("steward"), admin: holds("admin") };
}

/** "ANALYST, STEWARD or ADMIN", least powerful first. */
export function rolesSentence(roles: readonly Role[]): string {
  const order: Role[] = ["PARTNER", "ANALYST", "STEWARD", "ADMIN"];
  const sorted = [...roles].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return sorted.length <= 1 ? (sorted[0] ?? "no role") : `${sorted.slice(0, -1).join(", ")} or ${sorted.at(-1)}`;
}

/** A scope-auth failure, as the plugin reports it (only the parts used here). */
export interface ScopeFailure {
  kind: string;
  scope?: string;
  failures?: ScopeFailure[];
}

const ALL_ROLES: readonly Role[] = ["PARTNER", "ANALYST", "STEWARD", "ADMIN"];

/** The roles that would have passed a failed check, read from scope-auth's failure report. */
export function rolesThatPass(failure: ScopeFailure | undefined): Role[] {
  if (!failure) return [];
  if (failure.scope !== undefined) return failure.scope in SCOPE_ROLES ? [...SCOPE_ROLES[failure.scope as keyof AuthScopes]] : [];
  const parts = (failure.failures ?? []).map(rolesThatPass);
  if (parts.length === 0) return [];
  if (failure.kind === "AllAuthScopes") return ALL_ROLES.filter((r) => parts.every((p) => p.includes(r)));
  return ALL_ROLES.filter((r) => parts.some((p) => p.includes(r)));
}

/** The message of a FORBIDDEN error: what was refused, the roles that may have it, and the caller's role. */
export function forbiddenMessage(what: string, roles: readonly Role[], role: Role | undefined): string {
  const needs = roles.length === 0 ? "a role this key does not have" : `the ${rolesSentence(roles)} role`;
  return `${what} needs ${needs}; this key's role is ${role ?? "none"}.`;
}
