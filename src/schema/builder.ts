// The Pothos builder: plugins, context, scalars and auth scopes. Types are defined in the domain modules.
import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type PrismaTypes from "../generated/pothos-types";
import { getDatamodel } from "../generated/pothos-types";
import type { Context } from "../context";
import { badInput, clientError } from "./errors";

/** Types that have global IDs; an ID naming any other type is refused. */
const NODE_TYPES = new Set(["Region", "Board", "Incident", "Review", "Evaluation", "Finding", "Author", "Competency"]);

function encodeId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, "utf8").toString("base64url");
}

/** Reads a global ID; a malformed one, or one of no known type, is BAD_USER_INPUT rather than a crash. */
function decodeId(globalId: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match || !NODE_TYPES.has(match[1]!)) {
    throw badInput(`'${globalId}' is not a global ID of SCR Atlas; use an \`id\` returned by the API`, "id");
  }
  return { typename: match[1]!, id: match[2]! };
}

/** Largest page any connection returns; a bigger `first` or `last` is refused. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    Date: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
  AuthScopes: {
    /** Any valid key. */
    authenticated: boolean;
    /** Read case-level detail and free text (ADMIN, STEWARD, ANALYST). */
    caseDetail: boolean;
    /** Create and correct data (ADMIN, STEWARD). */
    steward: boolean;
    admin: boolean;
  };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.viewer !== null,
      caseDetail: ctx.viewer !== null && ctx.viewer.role !== "PARTNER",
      steward: ctx.viewer?.role === "ADMIN" || ctx.viewer?.role === "STEWARD",
      admin: ctx.viewer?.role === "ADMIN",
    }),
    unauthorizedError: (_parent, _context, _info, result) => clientError("FORBIDDEN", result.message),
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

builder.queryType({
  description: "The root of every read. Every field needs a valid API key (`Authorization: Bearer <key>`).",
});
