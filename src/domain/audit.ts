// The audit log: who did what, when, with the values before and after. Append-only: this module only ever
// inserts (test/unit/access-audit-append-only.test.ts checks that no code updates or deletes an AuditEvent), and
// the database refuses UPDATE and DELETE on the table (triggers in the first migration, on both databases).
import { createHash } from "node:crypto";
import { parse, print } from "graphql";
import type { Db } from "../db";
import type { Role } from "../generated/sqlite/enums";

/** Anything that can insert an audit event: the client or a transaction. */
export type AuditWriter = Pick<Db, "auditEvent">;

/** Who acted: a key (through the API) or a named tool ("cli", "npm start"). */
export interface Actor {
  /** The key's label, or the tool's name. */
  actor: string;
  actorKeyId: number | null;
  /** The API request it happened in, if any. */
  requestId?: string | null;
  /** The key's role when it acted; null for the command line and the seed. */
  role?: Role | null;
}

/**
 * The actor a key's viewer stands for. It takes only what it reads (not keys.ts's Viewer), so that the audit log
 * depends on nothing and keys.ts, which records its changes here, depends on it alone.
 */
export function actorOfViewer(viewer: { label: string; keyId: number; role?: Role }, requestId?: string): Actor {
  return { actor: viewer.label, actorKeyId: viewer.keyId, requestId: requestId ?? null, role: viewer.role ?? null };
}

/** Actions written to the log; the audit query filters on them. */
export const AUDIT_ACTIONS = [
  "key.create",
  "key.revoke",
  "request.partner",
  "record.create",
  "record.update",
  "record.withdraw",
  "coverage.record",
  "release.create",
] as const;
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
  /** How a record changed: the mutation's name, "import" or "seed" (history.ts). */
  via?: string | null;
  /** The import batch the change came in with. */
  importBatchId?: number | null;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordAudit(db: AuditWriter, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: actor.actor,
      actorKeyId: actor.actorKeyId,
      requestId: actor.requestId ?? null,
      actorRole: actor.role ?? null,
      via: entry.via ?? null,
      importBatchId: entry.importBatchId ?? null,
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

export interface AuditedDocument {
  /** The document printed from its parse, or the text as sent when it does not parse; null when there was none. */
  document: string | null;
  /** True when the text was longer than the limit and only its start is kept. */
  truncated: boolean;
}

/** Cuts UTF-8 text to at most `max` bytes, at a character boundary. */
function cutToBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, "utf8");
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

/**
 * The document as an audit row keeps it, so what was asked can be read back, literals included: printed from
 * its parse (one layout whatever the spacing and comments sent), or as sent when it does not parse or prints
 * longer than the limit; a text over the limit (the document size limit) is not parsed, and only its first
 * `maxBytes` are kept.
 */
export function auditedDocument(text: string | null | undefined, limits: { maxBytes: number; maxTokens: number }): AuditedDocument {
  if (typeof text !== "string") return { document: null, truncated: false };
  if (Buffer.byteLength(text, "utf8") > limits.maxBytes) return { document: cutToBytes(text, limits.maxBytes), truncated: true };
  try {
    const printed = print(parse(text, { maxTokens: limits.maxTokens, noLocation: true }));
    if (Buffer.byteLength(printed, "utf8") <= limits.maxBytes) return { document: printed, truncated: false };
  } catch {
    // Not a document graphql-js can read: the text as sent is the record.
  }
  return { document: text, truncated: false };
}

/** How deeply a value nests objects and lists, counted up to `stopAt` (no deeper: the value may nest thousands). */
function nesting(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(item as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The variables as an audit row keeps them: as sent, unless they nest deeper than `maxDepth` (a request the
 * input-nesting limit refuses), which no database's JSON column can store; then a note that they were left out,
 * so the refusal is still recorded (a row that cannot be written would turn the refusal into a 503).
 */
export function auditedVariables(variables: Record<string, unknown> | null | undefined, maxDepth: number): Record<string, unknown> | null {
  if (variables === null || variables === undefined) return null;
  // The variables' own object is one level more than the deepest value in it.
  return nesting(variables, maxDepth + 1) > maxDepth + 1 ? { $omitted: `nested deeper than ${maxDepth}` } : variables;
}

export interface PartnerRequest {
  /** SHA-256 of the document (or body) as sent; null when none could be read. */
  operationHash: string | null;
  operationName: string | null;
  /** "ok", or the error codes the response carried. */
  outcome: string;
  /** The HTTP status the response was sent with. */
  status: number;
  /** Variables, kept for reproducing what was shown; they hold no secrets (keys travel in headers). */
  variables?: Record<string, unknown> | null;
  /** The document, normalised (auditedDocument). */
  document: AuditedDocument;
}

/** One PARTNER request: the operation's hash and document, time (the event's own), key, status and outcome. */
export async function recordPartnerRequest(db: AuditWriter, actor: Actor, request: PartnerRequest): Promise<void> {
  await recordAudit(db, actor, {
    action: "request.partner",
    entity: "Operation",
    entityId: request.operationHash,
    after: {
      operationName: request.operationName,
      outcome: request.outcome,
      status: request.status,
      variables: request.variables ?? null,
      document: request.document.document,
      ...(request.document.truncated ? { documentTruncated: true } : {}),
    },
  });
}
