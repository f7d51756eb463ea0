// API keys: random, shown once, stored as a SHA-256 hash. A key reads `scr_<prefix>_<secret>`; the prefix
// finds the row, the hash of the whole key proves it.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db";
import type { Role } from "../generated/sqlite/enums";

export const ROLES = ["ADMIN", "STEWARD", "ANALYST", "PARTNER"] as const satisfies readonly Role[];

export interface Viewer {
  keyId: number;
  role: Role;
  label: string;
}

const KEY_FORMAT = /^scr_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** How stale `lastUsedAt` may get before a request refreshes it (one write a minute per key at most). */
const LAST_USED_RESOLUTION_MS = 60_000;

function hash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface CreatedKey {
  id: number;
  key: string;
  prefix: string;
  role: Role;
  label: string;
  expiresAt: Date | null;
}

export async function createKey(
  db: Db,
  input: { role: Role; label: string; expiresAt?: Date | null; actor: string; actorKeyId?: number | null },
): Promise<CreatedKey> {
  const label = input.label.trim();
  if (label === "") throw new Error("a key needs a label saying who or what it is for");
  if (!ROLES.includes(input.role)) throw new Error(`role must be one of ${ROLES.join(", ")}`);
  const prefix = randomBytes(9).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0").slice(0, 12);
  const key = `scr_${prefix}_${randomBytes(32).toString("base64url")}`;
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { prefix, secretHash: hash(key), role: input.role, label, expiresAt: input.expiresAt ?? null },
    });
    await tx.auditEvent.create({
      data: {
        actor: input.actor,
        actorKeyId: input.actorKeyId ?? null,
        action: "key.create",
        entity: "ApiKey",
        entityId: String(row.id),
        after: JSON.stringify({ prefix, role: row.role, label, expiresAt: row.expiresAt }),
      },
    });
    return row;
  });
  return { id: created.id, key, prefix, role: created.role, label, expiresAt: created.expiresAt };
}

/**
 * The viewer a bearer key stands for, or null for a key that is malformed, unknown, revoked or expired (the
 * caller answers all of them alike, so a client cannot tell which).
 */
export async function authenticate(db: Db, key: string, now = new Date()): Promise<Viewer | null> {
  const match = KEY_FORMAT.exec(key);
  if (!match) return null;
  const row = await db.apiKey.findUnique({ where: { prefix: match[1]! } });
  if (!row) return null;
  const expected = Buffer.from(row.secretHash, "hex");
  const given = Buffer.from(hash(key), "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (row.revokedAt !== null && row.revokedAt <= now) return null;
  if (row.expiresAt !== null && row.expiresAt <= now) return null;
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { keyId: row.id, role: row.role, label: row.label };
}
