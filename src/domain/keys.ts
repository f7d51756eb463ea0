// API keys: random, shown once, stored as a SHA-256 hash. A key reads `scr_<prefix>_<secret>`; the prefix
// finds the row, the hash of the whole key proves it.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db";
import type { Role } from "../generated/sqlite/enums";
import { type Actor, recordAudit } from "./audit";
import { ROLES } from "./roles";

export interface Viewer {
  keyId: number;
  /** The key's public part, `scr_<prefix>_…`. */
  prefix: string;
  role: Role;
  label: string;
  expiresAt: Date | null;
  /** Runs only the operations in the trusted-documents manifest (src/http/trusted-documents.ts). */
  registeredOnly: boolean;
}

export const KEY_FORMAT = /^scr_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function hash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A key just created: its record and, this once, the key itself. */
export interface CreatedKey extends KeyRecord {
  key: string;
}

/** The largest label a key may have, in characters. */
export const MAX_LABEL_LENGTH = 200;

/** Why a key cannot be created as asked; `field` is the input field at fault. */
export class KeyInputError extends Error {
  constructor(
    message: string,
    readonly field: "role" | "label" | "expiresAt",
  ) {
    super(message);
  }
}

/** What a key looks like anywhere but at its creation: never the secret, nor its hash. */
export interface KeyRecord {
  id: number;
  prefix: string;
  role: Role;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Runs only registered operations (a published dashboard's key). */
  registeredOnly: boolean;
}

const KEY_FIELDS = {
  id: true,
  prefix: true,
  role: true,
  label: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  registeredOnly: true,
} as const;

/** What the audit log records of a key: no secret, no hash. */
function auditView(key: Pick<KeyRecord, "prefix" | "role" | "label" | "expiresAt" | "revokedAt" | "registeredOnly">) {
  return {
    prefix: key.prefix,
    role: key.role,
    label: key.label,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    registeredOnly: key.registeredOnly,
  };
}

/** A new key, with its audit event in the same transaction. Throws KeyInputError for bad input. */
export async function createKey(
  db: Db,
  input: { role: Role; label: string; expiresAt?: Date | null; registeredOnly?: boolean; actor: Actor | string; now?: Date },
): Promise<CreatedKey> {
  const label = input.label.trim();
  if (!ROLES.includes(input.role)) throw new KeyInputError(`role must be one of ${ROLES.join(", ")}`, "role");
  if (label === "") throw new KeyInputError("a key needs a label saying who or what it is for", "label");
  if (label.length > MAX_LABEL_LENGTH) throw new KeyInputError(`a label has at most ${MAX_LABEL_LENGTH} characters`, "label");
  const now = input.now ?? new Date();
  if (input.expiresAt && input.expiresAt <= now) throw new KeyInputError("expiresAt must be in the future", "expiresAt");
  const actor: Actor = typeof input.actor === "string" ? { actor: input.actor, actorKeyId: null } : input.actor;
  const prefix = randomBytes(9)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")
    .slice(0, 12);
  const key = `scr_${prefix}_${randomBytes(32).toString("base64url")}`;
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        prefix,
        secretHash: hash(key),
        role: input.role,
        label,
        expiresAt: input.expiresAt ?? null,
        registeredOnly: input.registeredOnly ?? false,
      },
      select: KEY_FIELDS,
    });
    await recordAudit(tx, actor, { action: "key.create", entity: "ApiKey", entityId: String(row.id), after: auditView(row) });
    return row;
  });
  return { ...created, key };
}

/** Every key, newest first; never a secret. */
export function listKeys(db: Db): Promise<KeyRecord[]> {
  return db.apiKey.findMany({ select: KEY_FIELDS, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** Called with the prefix of each key this process revokes, once its transaction has committed. */
type RevocationListener = (prefix: string) => void;
const revocationListeners = new Set<RevocationListener>();

/** Hears every revocation made in this process (the key cache evicts on it); returns the unsubscribe. */
export function onKeyRevoked(listener: RevocationListener): () => void {
  revocationListeners.add(listener);
  return () => revocationListeners.delete(listener);
}

export type RevokeResult =
  { ok: true; key: KeyRecord } | { ok: false; reason: "NOT_FOUND" } | { ok: false; reason: "ALREADY_REVOKED"; key: KeyRecord };

/**
 * Revokes a key, found by its prefix (the public part, `scr_<prefix>_…`) or id, with its audit event (before
 * and after) in the same transaction. A key revoked stays revoked; revoking it again changes nothing.
 */
export async function revokeKey(db: Db, which: { prefix: string } | { id: number }, actor: Actor | string, now = new Date()): Promise<RevokeResult> {
  const by = typeof actor === "string" ? { actor, actorKeyId: null } : actor;
  const result: RevokeResult = await db.$transaction(async (tx) => {
    const before = await tx.apiKey.findUnique({ where: "id" in which ? { id: which.id } : { prefix: which.prefix }, select: KEY_FIELDS });
    if (!before) return { ok: false as const, reason: "NOT_FOUND" as const };
    if (before.revokedAt !== null) return { ok: false as const, reason: "ALREADY_REVOKED" as const, key: before };
    const after = await tx.apiKey.update({ where: { id: before.id }, data: { revokedAt: now }, select: KEY_FIELDS });
    await recordAudit(tx, by, {
      action: "key.revoke",
      entity: "ApiKey",
      entityId: String(before.id),
      before: auditView(before),
      after: auditView(after),
    });
    return { ok: true as const, key: after };
  });
  if (result.ok) for (const listener of revocationListeners) listener(result.key.prefix);
  return result;
}

/** A key row as authentication reads it. */
export interface KeyRow {
  id: number;
  prefix: string;
  secretHash: string;
  role: Role;
  label: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  registeredOnly: boolean;
}

/** The row a well-formed key's prefix names, or null (one statement). */
export function findKeyRow(db: Db, prefix: string): Promise<KeyRow | null> {
  return db.apiKey.findUnique({
    where: { prefix },
    select: { id: true, prefix: true, secretHash: true, role: true, label: true, expiresAt: true, revokedAt: true, registeredOnly: true },
  });
}

/** Whether `key` hashes to `secretHash`, compared in constant time. */
export function secretMatches(key: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, "hex");
  const given = Buffer.from(hash(key), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Whether a key whose hash matched may be used at `now`: not revoked, not expired. */
export function usableAt(row: Pick<KeyRow, "revokedAt" | "expiresAt">, now: Date): boolean {
  if (row.revokedAt !== null && row.revokedAt <= now) return false;
  return row.expiresAt === null || row.expiresAt > now;
}

export function viewerOf(row: KeyRow): Viewer {
  return { keyId: row.id, prefix: row.prefix, role: row.role, label: row.label, expiresAt: row.expiresAt, registeredOnly: row.registeredOnly };
}
