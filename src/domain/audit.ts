// The audit log: who did what, when, with the values before and after. Append-only: this module only ever
// inserts (test/unit/access-audit-append-only.test.ts checks that no code updates or deletes an AuditEvent), and
// the database refuses UPDATE and DELETE on the table (triggers in the first migration, on both databases).
import { createHash } from "node:crypto";
import type { Db } from "../db";
import type { Viewer } from "./keys";

/** Anything that can insert an audit event: the client or a transaction. */
export type AuditWriter = Pick<Db, "auditEvent">;

/** Who acted: a key (through the API) or a named tool ("cli", "npm start"). */
export interface Actor {
  /** The key's label, or the tool's name. */
  actor: string;
  actorKeyId: number | null;
  /** The API request it happened in, if any. */
  requestId?: string | null;
}

export function actorOfViewer(viewer: Viewer, requestId?: string): Actor {
  return { actor: viewer.label, actorKeyId: viewer.keyId, requestId: requestId ?? null };
}

/** Actions written to the log; the audit query filters on them. */
export const AUDIT_ACTIONS = ["key.create", "key.revoke", "request.partner"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  /** The kind of thing acted on: a model name ("ApiKey"), or "Operation" for a request. */
  entity: string;
  entityId?: string | null;
  /** The values before the change (an object, stored as JSON); absent for a creation or a read. */
  before?: unknown;
  /** The values after it; for a request, what was asked and how it ended. */
  after?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordAudit(db: AuditWriter, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: actor.actor,
      actorKeyId: actor.actorKeyId,
      requestId: actor.requestId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}

/** The SHA-256 of an operation's text: identifies what was asked without storing it twice. */
export function operationHash(query: string): string {
  return createHash("sha256").update(query).digest("hex");
}

export interface PartnerRequest {
  /** SHA-256 of the document as sent. */
  operationHash: string | null;
  operationName: string | null;
  /** "ok", or the error codes the response carried. */
  outcome: string;
  /** Variables, kept for reproducing what was shown; they hold no secrets (keys travel in headers). */
  variables?: Record<string, unknown> | null;
}

/** One PARTNER request: the operation's hash, time (the event's own), key and outcome. */
export async function recordPartnerRequest(db: AuditWriter, actor: Actor, request: PartnerRequest): Promise<void> {
  await recordAudit(db, actor, {
    action: "request.partner",
    entity: "Operation",
    entityId: request.operationHash,
    after: { operationName: request.operationName, outcome: request.outcome, variables: request.variables ?? null },
  });
}
