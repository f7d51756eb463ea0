import { builder } from "../builder";
import { connectionDocs } from "../common/connections";
import type { Prisma } from "../../db";
import { ApiKey, AuditAction, AuditEvent, Role, Viewer } from "./types";

const ApiKeyWhere = builder.inputType("ApiKeyWhere", {
  description: "Which keys to list; all given conditions must hold.",
  fields: (t) => ({
    role: t.field({ type: Role, description: "Keys with this role." }),
    active: t.boolean({ description: "True: keys that work now. False: revoked or expired keys." }),
  }),
});

const AuditEventWhere = builder.inputType("AuditEventWhere", {
  description: "Which audit events to list; all given conditions must hold.",
  fields: (t) => ({
    action: t.field({ type: [AuditAction], description: "Events of one of these actions." }),
    entity: t.string({ description: 'Events about this kind of thing ("ApiKey", "Operation").' }),
    entityId: t.string({ description: "Events about this one thing (a key's ID, an operation's SHA-256)." }),
    actorKeyPrefix: t.string({ description: "Events done with the key of this prefix." }),
    requestId: t.string({ description: "Events of this API request." }),
    from: t.field({ type: "DateTime", description: "At or after this instant." }),
    to: t.field({ type: "DateTime", description: "At or before this instant." }),
  }),
});

function apiKeyWhere(w: typeof ApiKeyWhere.$inferInput | null | undefined, now: Date): Prisma.ApiKeyWhereInput {
  if (!w) return {};
  const active: Prisma.ApiKeyWhereInput = { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  return {
    role: w.role ?? undefined,
    AND: w.active == null ? [] : [w.active ? active : { NOT: active }],
  };
}

function auditWhere(w: typeof AuditEventWhere.$inferInput | null | undefined): Prisma.AuditEventWhereInput {
  if (!w) return {};
  return {
    action: w.action ? { in: [...w.action] } : undefined,
    entity: w.entity ?? undefined,
    entityId: w.entityId ?? undefined,
    actorKey: w.actorKeyPrefix != null ? { prefix: w.actorKeyPrefix } : undefined,
    requestId: w.requestId ?? undefined,
    at: w.from || w.to ? { gte: w.from ?? undefined, lte: w.to ?? undefined } : undefined,
  };
}

builder.queryFields((t) => ({
  viewer: t.field({
    type: Viewer,
    description: "The key this request was made with: its role, label, expiry and cost budget.",
    resolve: (_root, _args, ctx) => ctx.viewer!,
  }),
  apiKeys: t.prismaConnection(
    {
      type: ApiKey,
      cursor: "id",
      authScopes: { admin: true },
      description: "API keys, newest first; never their secrets. ADMIN only.",
      args: { where: t.arg({ type: ApiKeyWhere, description: "Which keys to list." }) },
      totalCount: (_parent, args, ctx) => ctx.db.apiKey.count({ where: apiKeyWhere(args.where, new Date()) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.db.apiKey.findMany({ ...query, where: apiKeyWhere(args.where, new Date()), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    },
    ...connectionDocs("API keys", "ApiKey"),
  ),
  auditEvents: t.prismaConnection(
    {
      type: AuditEvent,
      cursor: "id",
      authScopes: { admin: true },
      description: "The append-only audit log, newest first: every write, every key event, every research partner's request. ADMIN only.",
      args: { where: t.arg({ type: AuditEventWhere, description: "Which events to list." }) },
      totalCount: (_parent, args, ctx) => ctx.db.auditEvent.count({ where: auditWhere(args.where) }),
      resolve: (query, _parent, args, ctx) => ctx.db.auditEvent.findMany({ ...query, where: auditWhere(args.where), orderBy: [{ id: "desc" }] }),
    },
    ...connectionDocs("audit events", "AuditEvent"),
  ),
}));
