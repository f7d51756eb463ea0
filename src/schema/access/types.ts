// Access: roles, the viewer, API keys, the audit log, and the typed errors of the key mutations.
import { builder } from "../builder";
import { capabilitiesOf } from "../../domain/roles";
import type { Viewer as ViewerShape } from "../../domain/keys";
import { AUDIT_ACTIONS } from "../../domain/audit";

export const Role = builder.enumType("Role", {
  description: "What a key may do (docs/disclosure.md). Every role reads Stats, regions and boards.",
  values: {
    ADMIN: { description: "Everything, including issuing and revoking keys and reading the audit log." },
    STEWARD: { description: "Reads everything; creates, corrects and imports data." },
    ANALYST: { description: "Reads everything, including case-level records (incidents, reviews, findings) and free text; no writes." },
    PARTNER: {
      description:
        "Research partner: served a schema of its own (schema/partner.graphql) that reads figures only, one financial year at a time, broken down by the published dimensions (region, board, period). Counts from 1 to 5 are SUPPRESSED, with secondary suppression so none can be worked out from totals or siblings; no case-level records, free text or author names, and no filter or ordering over them; every request is recorded in the audit log.",
    },
  } as const,
});

export const Viewer = builder.objectRef<ViewerShape>("Viewer").implement({
  description: "The key this request was made with, and what it may do.",
  fields: (t) => ({
    role: t.field({ type: Role, description: "The key's role.", resolve: (v) => v.role }),
    label: t.exposeString("label", { description: "Who or what the key is for, as given when it was created." }),
    keyPrefix: t.exposeString("prefix", { description: "The key's public part (`scr_<prefix>_…`), which names it in lists and the audit log." }),
    expiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the key stops working; null if it does not expire.",
      resolve: (v) => v.expiresAt,
    }),
    costBudget: t.int({
      description: "The largest cost a request with this key may have (every response reports its cost in `extensions.cost`).",
      resolve: (v) => capabilitiesOf(v.role).costBudget,
    }),
  }),
});

export const ApiKey = builder.prismaNode("ApiKey", {
  description: "An API key. The secret is shown once, when the key is created, and only a hash of it is kept. ADMIN only.",
  authScopes: { admin: true },
  runScopesOnType: true,
  // node(id:) of an ID that matches nothing gives null, not an error.
  nullable: true,
  id: { field: "id" },
  fields: (t) => ({
    prefix: t.exposeString("prefix", { description: "The key's public part (`scr_<prefix>_…`); revoke it by this." }),
    role: t.expose("role", { type: Role, description: "What the key may do." }),
    label: t.exposeString("label", { description: "Who or what the key is for." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the key was created." }),
    lastUsedAt: t.expose("lastUsedAt", {
      type: "DateTime",
      nullable: true,
      description:
        "When the key was last used, as written by the server every 30 seconds and when it stops (so up to 30 seconds behind); null if never.",
    }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true, description: "When the key stops working; null if it does not expire." }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true, description: "When the key was revoked; null while it is not." }),
    registeredOnly: t.exposeBoolean("registeredOnly", {
      description: "True when the key runs only registered operations (the trusted-documents manifest), as a published dashboard's key does.",
    }),
    active: t.boolean({
      description: "True while the key works: not revoked and not expired.",
      select: { revokedAt: true, expiresAt: true },
      resolve: (k) => k.revokedAt === null && (k.expiresAt === null || k.expiresAt > new Date()),
    }),
  }),
});

// Every action the domain writes has an enum value (test/unit/access-audit-append-only.test.ts checks the two agree).
export const AuditAction = builder.enumType("AuditAction", {
  description: "What an audit event records.",
  values: {
    KEY_CREATE: { value: "key.create", description: "A key was created (after: its prefix, role, label and expiry)." },
    KEY_REVOKE: { value: "key.revoke", description: "A key was revoked (before and after)." },
    COVERAGE_RECORD: {
      value: "coverage.record",
      description: "A steward stated a source's coverage (entityId: the source; before and after: its dates and note).",
    },
    RELEASE_CREATE: {
      value: "release.create",
      description: "A steward froze a release (entityId: its ID; after: its name, date, periods and how many figures).",
    },
    REQUEST_PARTNER: {
      value: "request.partner",
      description: "A research partner's request: entityId is the SHA-256 of the operation; after holds its name, variables and outcome.",
    },
    RECORD_CREATE: { value: "record.create", description: "A record was created (entity and entityId name it; after: its fields; via: how)." },
    RECORD_UPDATE: { value: "record.update", description: "A record was corrected (before and after: the fields that changed)." },
    RECORD_WITHDRAW: { value: "record.withdraw", description: "A record was withdrawn (after: when, why and by whom)." },
  } as const,
});

export const AuditEvent = builder.prismaNode("AuditEvent", {
  description: "One entry of the append-only audit log: who did what, when, with the values before and after. ADMIN only.",
  authScopes: { admin: true },
  runScopesOnType: true,
  // node(id:) of an ID that matches nothing gives null, not an error.
  nullable: true,
  id: { field: "id" },
  fields: (t) => ({
    at: t.expose("at", { type: "DateTime", description: "When it happened." }),
    action: t.field({
      type: AuditAction,
      description: "What happened.",
      select: { action: true },
      resolve: (e) => e.action as (typeof AUDIT_ACTIONS)[number],
    }),
    actor: t.exposeString("actor", { description: 'Who acted: the key\'s label, or the tool ("cli", "npm start").' }),
    actorKey: t.relation("actorKey", { nullable: true, description: "The key that acted; null for the command line." }),
    entity: t.exposeString("entity", { description: 'The kind of thing acted on ("ApiKey", "Operation").' }),
    entityId: t.exposeString("entityId", { nullable: true, description: "Which one: a key's ID, an operation's SHA-256." }),
    before: t.exposeString("before", { nullable: true, description: "The values before, as JSON; null for a creation or a request." }),
    after: t.exposeString("after", { nullable: true, description: "The values after, as JSON; for a request, what was asked and how it ended." }),
    requestId: t.exposeString("requestId", {
      nullable: true,
      description: "The API request it happened in (as in its errors' requestId); null outside the API.",
    }),
  }),
});

// ---- Typed errors of mutations ----------------------------------------------------------------------------

export interface UserErrorShape {
  kind: "ValidationFailed" | "NotFound" | "Conflict";
  message: string;
  /** The input field at fault, e.g. ["input", "label"]. */
  path: string[];
}

const UserError = builder.interfaceRef<UserErrorShape>("UserError").implement({
  description: "An expected failure of a mutation: what was wrong and which input field it concerns. Nothing was written.",
  resolveType: (e) => e.kind,
  fields: (t) => ({
    message: t.exposeString("message", { description: "What was wrong, in words." }),
    path: t.exposeStringList("path", { description: 'The input field at fault, e.g. ["input", "label"].' }),
  }),
});

const userErrorType = (name: UserErrorShape["kind"], description: string) =>
  builder.objectRef<UserErrorShape>(name).implement({
    description,
    interfaces: [UserError],
    isTypeOf: (e) => (e as UserErrorShape).kind === name,
    fields: () => ({}),
  });

export const ValidationFailed = userErrorType("ValidationFailed", "An input value is not allowed; `message` says what is.");
export const NotFound = userErrorType("NotFound", "The input names something that does not exist.");
export const Conflict = userErrorType("Conflict", "The change conflicts with the current state (e.g. the key is already revoked).");

export function userError(kind: UserErrorShape["kind"], message: string, ...path: string[]): UserErrorShape {
  return { kind, message, path: ["input", ...path] };
}
