// The Pothos builder: plugins, context, scalars, auth scopes and field costs. Types are defined in the domain
// modules.
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type PrismaTypes from "../generated/pothos-types";
import { getDatamodel } from "../generated/pothos-types";
import { getNamedType, isListType, isNonNullType, type GraphQLOutputType } from "graphql";
import type { Context } from "../context";
import { badInput, clientError } from "../errors";
import { LIMITS } from "../limits";
import { type AuthScopes, forbiddenMessage, rolesThatPass, scopesOf } from "./access/roles";
import DisclosurePlugin from "./access/disclosure-plugin";
import { boundedPage, type BoundedList } from "../domain/list-bounds";
import PrefetchPlugin from "./common/prefetch-plugin";
import FigureInputsPlugin from "./analytics/figure-inputs-plugin";

/** Types that have global IDs; an ID naming any other type is refused. */
const NODE_TYPES = new Set(["Region", "Board", "Incident", "Review", "Evaluation", "Finding", "Author", "Competency", "ApiKey", "AuditEvent"]);

function encodeId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, "utf8").toString("base64url");
}

/** Reads a global ID; a malformed one, or one of no known type, is BAD_USER_INPUT rather than a crash. */
export function decodeId(globalId: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match || !NODE_TYPES.has(match[1]!)) {
    throw badInput(`'${globalId}' is not a global ID of SCR Atlas; use an \`id\` returned by the API`, "id");
  }
  return { typename: match[1]!, id: match[2]! };
}

/** Largest page any connection returns; a bigger `first` or `last` is refused. */
export const MAX_PAGE_SIZE = LIMITS.pageSize;
export const DEFAULT_PAGE_SIZE = 20;
/** Assumed length of a plain list field (not a connection) when costing a query: most are short. */
export const LIST_COST_MULTIPLIER = 10;
/**
 * The cost of a Stats object, whatever figures are selected in it: they are arithmetic over counts loaded once
 * per period for the whole request, so a page of 100 boards' stats costs 100 of these, not 100 × every figure.
 */
export const STATS_COST = 10;

/** A list field's bound, named in its extensions as `{ listBound: "<list>" }` (src/domain/list-bounds.ts). */
export function listBound(list: BoundedList): { listBound: BoundedList } {
  return { listBound: list };
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    ID: { Input: string; Output: string | number };
  };
  AuthScopes: AuthScopes;
}>({
  // Scope checks run first, so a refused field never reaches the others. Figure filters and orders are worked
  // out before a field that takes one resolves (analytics/figure-inputs-plugin.ts); the prefetch plugin answers
  // rows of the compiled read path inside scope checks and disclosure, and ahead of the prisma plugin's loading.
  plugins: [ScopeAuthPlugin, DisclosurePlugin, FigureInputsPlugin, PrefetchPlugin, ComplexityPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => scopesOf(ctx.viewer),
    unauthorizedError: (_parent, ctx, info, result) => {
      const roles = rolesThatPass(result.failure);
      return clientError("FORBIDDEN", forbiddenMessage(`${info.parentType.name}.${info.fieldName}`, roles, ctx.viewer?.role), {
        requiredRoles: roles,
      });
    },
  },
  // Every field costs 1; a connection multiplies what is selected under it by its page size, a plain list
  // by LIST_COST_MULTIPLIER; a list over reference data (its field's `listBound` extension) by no more than
  // the longest it is in the database (src/domain/list-bounds.ts). The server checks the total against the
  // role's budget before anything runs (src/http/operation-checks.ts); the plugin's own per-resolver check is
  // not used.
  complexity: {
    fieldComplexity: (args: { first?: unknown; last?: unknown }, ctx, field) => {
      const bound = ctx.listBounds?.[field.extensions?.listBound as BoundedList];
      if (field.args.some((a) => a.name === "first")) {
        const page = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : DEFAULT_PAGE_SIZE;
        return { field: 1, multiplier: boundedPage(Math.max(0, page), bound) };
      }
      if (field.name === "edges" && getNamedType(field.type).name.endsWith("Edge")) return { field: 1, multiplier: 1 };
      if (getNamedType(field.type).name === "Stats") return { field: STATS_COST, multiplier: 0 };
      return isList(field.type) ? { field: 1, multiplier: boundedPage(LIST_COST_MULTIPLIER, bound) } : 1;
    },
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
  relay: {
    clientMutationId: "omit",
    encodeGlobalID: encodeId,
    decodeGlobalID: decodeId,
    cursorType: "String",
    nodeTypeOptions: {
      description: "An object with a global ID, fetchable with `node(id:)` or `nodes(ids:)`.",
    },
    pageInfoTypeOptions: { description: "Where a page of a connection sits in the whole list." },
    idFieldOptions: { description: "Global ID of the object; stable, opaque, usable with `node(id:)`." },
    nodeQueryOptions: {
      description: "The object with this global ID, or null when there is none.",
      args: { id: { description: "A global ID, as returned in any object's `id`." } },
    },
    nodesQueryOptions: {
      description: "The objects with these global IDs, in the same order; null where one does not exist.",
      args: { ids: { description: "Global IDs, as returned in objects' `id`." } },
    },
    cursorFieldOptions: { description: "Opaque cursor of this edge, for `after` or `before`." },
    nodeFieldOptions: { description: "The object at the end of this edge." },
    edgesFieldOptions: { description: "The edges of this page, in order." },
    pageInfoFieldOptions: { description: "Whether there are pages before or after this one, and their cursors." },
    hasNextPageFieldOptions: { description: "True when more items follow this page." },
    hasPreviousPageFieldOptions: { description: "True when items come before this page." },
    startCursorFieldOptions: { description: "Cursor of the first edge of the page; null for an empty page." },
    endCursorFieldOptions: { description: "Cursor of the last edge of the page; null for an empty page." },
    firstArgOptions: { description: `Return at most this many items from the start (1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` },
    lastArgOptions: { description: `Return at most this many items from the end (1 to ${MAX_PAGE_SIZE}).` },
    afterArgOptions: { description: "Return items after this cursor." },
    beforeArgOptions: { description: "Return items before this cursor." },
  },
});

// Deny by default: every read needs a valid key, every write at least STEWARD (a mutation may ask for more).
builder.queryType({
  description:
    "The root of every read. Every field needs a valid API key (`Authorization: Bearer <key>`). Research partners (PARTNER) are served a schema of their own with figures only: Stats for one financial year at a time with small numbers suppressed, regions and boards; case-level records and free text need ANALYST.",
  authScopes: { authenticated: true },
});

builder.mutationType({
  description:
    "The root of every write. Every mutation needs a STEWARD or ADMIN key at least, and says if it needs more; research partners (PARTNER) and analysts (ANALYST) cannot write. Expected failures come back as typed errors in the payload; every write is recorded in the audit log.",
  authScopes: { steward: true },
});
