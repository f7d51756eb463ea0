// Key mutations, ADMIN only. Expected failures are typed errors in the payload; each change and its audit
// event are written in one transaction.
import { builder, decodeId } from "../builder";
import { actorOfViewer } from "../../domain/audit";
import { createKey, KeyInputError, revokeKey, type KeyRecord } from "../../domain/keys";
import { ApiKey, Conflict, NotFound, Role, type UserErrorShape, userError, ValidationFailed } from "./types";

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  description: "A new key: its role, who or what it is for, and when it stops working.",
  fields: (t) => ({
    role: t.field({ type: Role, required: true, description: "What the key may do." }),
    label: t.string({ required: true, description: 'Who or what the key is for (1 to 200 characters), e.g. "Jo Bloggs, NSPCC".' }),
    expiresOn: t.field({
      type: "Date",
      description: "The first day the key no longer works (it expires at 00:00 UTC that day); none if it should not expire.",
    }),
    registeredOnly: t.boolean({
      description:
        "True to limit the key to registered operations (the trusted-documents manifest, sent by hash): any other document is refused with 403. Default false.",
    }),
  }),
});

const CreateApiKeyError = builder.unionType("CreateApiKeyError", {
  description: "Why a key could not be created.",
  types: [ValidationFailed],
  resolveType: () => ValidationFailed,
});

interface CreatePayload {
  apiKey: KeyRecord | null;
  secret: string | null;
  errors: UserErrorShape[];
}

const CreateApiKeyPayload = builder.objectRef<CreatePayload>("CreateApiKeyPayload").implement({
  description: "The key created, with its secret shown this once; or why not.",
  fields: (t) => ({
    apiKey: t.field({ type: ApiKey, nullable: true, description: "The key created; null when it was not.", resolve: (p) => p.apiKey as never }),
    secret: t.string({
      nullable: true,
      description: "The key itself (`scr_<prefix>_<secret>`), for `Authorization: Bearer`. Shown this once and never again: only its hash is kept.",
      resolve: (p) => p.secret,
    }),
    errors: t.field({ type: [CreateApiKeyError], description: "Why the key was not created; empty when it was.", resolve: (p) => p.errors }),
  }),
});

const RevokeApiKeyInput = builder.inputType("RevokeApiKeyInput", {
  description: "The key to revoke, by its prefix or its global ID (one of them).",
  fields: (t) => ({
    prefix: t.string({ description: "The key's public part: `abc…` of `scr_abc…_…`." }),
    id: t.id({ description: "The key's global ID." }),
  }),
});

const RevokeApiKeyError = builder.unionType("RevokeApiKeyError", {
  description: "Why a key could not be revoked.",
  types: [ValidationFailed, NotFound, Conflict],
  resolveType: (e) => ({ ValidationFailed, NotFound, Conflict })[e.kind],
});

interface RevokePayload {
  apiKey: KeyRecord | null;
  errors: UserErrorShape[];
}

const RevokeApiKeyPayload = builder.objectRef<RevokePayload>("RevokeApiKeyPayload").implement({
  description: "The key revoked; or why not.",
  fields: (t) => ({
    apiKey: t.field({
      type: ApiKey,
      nullable: true,
      description: "The key, now revoked; null when nothing was revoked.",
      resolve: (p) => p.apiKey as never,
    }),
    errors: t.field({ type: [RevokeApiKeyError], description: "Why the key was not revoked; empty when it was.", resolve: (p) => p.errors }),
  }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    authScopes: { admin: true },
    description: "Issues a key. ADMIN only. The secret is in the payload this once; the creation is recorded in the audit log.",
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: "The key to create." }) },
    resolve: async (_root, { input }, ctx) => {
      const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T00:00:00Z`) : null;
      try {
        const created = await createKey(ctx.db, {
          role: input.role,
          label: input.label,
          expiresAt,
          registeredOnly: input.registeredOnly ?? false,
          actor: actorOfViewer(ctx.viewer!, ctx.requestId),
        });
        const { key, ...record } = created;
        return { apiKey: record, secret: key, errors: [] };
      } catch (error) {
        if (!(error instanceof KeyInputError)) throw error;
        const field = error.field === "expiresAt" ? "expiresOn" : error.field;
        return { apiKey: null, secret: null, errors: [userError("ValidationFailed", error.message.replace("expiresAt", "expiresOn"), field)] };
      }
    },
  }),
  revokeApiKey: t.field({
    type: RevokeApiKeyPayload,
    authScopes: { admin: true },
    description: "Revokes a key at once: every later request with it gets 401. ADMIN only. Recorded in the audit log with the key before and after.",
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true, description: "The key to revoke." }) },
    resolve: async (_root, { input }, ctx) => {
      const given = [input.prefix, input.id].filter((v) => v != null).length;
      if (given !== 1)
        return {
          apiKey: null,
          errors: [userError("ValidationFailed", "give the key's prefix or its id, one of them", input.prefix != null ? "id" : "prefix")],
        };
      let which: { prefix: string } | { id: number };
      if (input.prefix != null) which = { prefix: input.prefix };
      else {
        let decoded: { typename: string; id: string } | null = null;
        try {
          decoded = decodeId(String(input.id));
        } catch {
          decoded = null;
        }
        if (!decoded || decoded.typename !== "ApiKey" || !/^\d+$/.test(decoded.id)) {
          return { apiKey: null, errors: [userError("NotFound", `no API key has the ID ${String(input.id)}`, "id")] };
        }
        which = { id: Number(decoded.id) };
      }
      const result = await revokeKey(ctx.db, which, actorOfViewer(ctx.viewer!, ctx.requestId));
      if (result.ok) return { apiKey: result.key, errors: [] };
      const field = "prefix" in which ? "prefix" : "id";
      if (result.reason === "NOT_FOUND") return { apiKey: null, errors: [userError("NotFound", "no API key matches", field)] };
      return { apiKey: result.key, errors: [userError("Conflict", `the key was already revoked at ${result.key.revokedAt!.toISOString()}`, field)] };
    },
  }),
}));
