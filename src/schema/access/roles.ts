// The auth scopes of docs/disclosure.md, each read from the roles' capabilities (src/domain/roles.ts), so that
// a field's scope and a FORBIDDEN error's list of roles come from the one table. No types here: builder.ts
// uses it before any type exists.
import type { Role } from "../../generated/sqlite/enums";
import type { Viewer } from "../../domain/keys";
import { type RoleCapabilities, ROLES_ASCENDING as ASCENDING, rolesThat } from "../../domain/roles";

export interface AuthScopes {
  /** Any valid key. */
  authenticated: boolean;
  /** Case-level records and free text. */
  caseDetail: boolean;
  /** Create and correct data. */
  steward: boolean;
  /** Keys and the audit log. */
  admin: boolean;
}

/** The capabilities each scope stands for. */
const SCOPE_CAPABILITIES: Record<keyof AuthScopes, (c: RoleCapabilities) => boolean> = {
  authenticated: () => true,
  // One scope guards both: a role with one and not the other would need a scope of its own.
  caseDetail: (c) => c.caseLevelRecords && c.freeText,
  steward: (c) => c.mutate,
  admin: (c) => c.issueKeys && c.readAuditLog,
};

/** Which roles hold each scope, least powerful first. */
export const SCOPE_ROLES: Record<keyof AuthScopes, readonly Role[]> = {
  authenticated: rolesThat(SCOPE_CAPABILITIES.authenticated),
  caseDetail: rolesThat(SCOPE_CAPABILITIES.caseDetail),
  steward: rolesThat(SCOPE_CAPABILITIES.steward),
  admin: rolesThat(SCOPE_CAPABILITIES.admin),
};

export function scopesOf(viewer: Viewer | null): AuthScopes {
  const holds = (scope: keyof AuthScopes) => viewer !== null && SCOPE_ROLES[scope].includes(viewer.role);
  return { authenticated: holds("authenticated"), caseDetail: holds("caseDetail"), steward: holds("steward"), admin: holds("admin") };
}

/** "ANALYST, STEWARD or ADMIN", least powerful first. */
export function rolesSentence(roles: readonly Role[]): string {
  const sorted = [...roles].sort((a, b) => ASCENDING.indexOf(a) - ASCENDING.indexOf(b));
  return sorted.length <= 1 ? (sorted[0] ?? "no role") : `${sorted.slice(0, -1).join(", ")} or ${sorted.at(-1)}`;
}

/** A scope-auth failure, as the plugin reports it (only the parts used here). */
export interface ScopeFailure {
  kind: string;
  scope?: string;
  failures?: ScopeFailure[];
}

/** The roles that would have passed a failed check, read from scope-auth's failure report. */
export function rolesThatPass(failure: ScopeFailure | undefined): Role[] {
  if (!failure) return [];
  if (failure.scope !== undefined) return failure.scope in SCOPE_ROLES ? [...SCOPE_ROLES[failure.scope as keyof AuthScopes]] : [];
  const parts = (failure.failures ?? []).map(rolesThatPass);
  if (parts.length === 0) return [];
  if (failure.kind === "AllAuthScopes") return ASCENDING.filter((r) => parts.every((p) => p.includes(r)));
  return ASCENDING.filter((r) => parts.some((p) => p.includes(r)));
}

/** The message of a FORBIDDEN error: what was refused, the roles that may have it, and the caller's role. */
export function forbiddenMessage(what: string, roles: readonly Role[], role: Role | undefined): string {
  const needs = roles.length === 0 ? "a role this key does not have" : `the ${rolesSentence(roles)} role`;
  return `${what} needs ${needs}; this key's role is ${role ?? "none"}.`;
}
