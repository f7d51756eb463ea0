// A Pothos plugin that lets the compiled read path (compiled-read.ts) answer nested fields from what its one
// statement brought. A row it shaped carries its relations and nested lists under PREFETCHED by response key:
// such a field returns its value without running its resolver; any other field of that row runs its own
// resolver directly, past the prisma plugin, which would otherwise load the row again. Scope checks and
// disclosure control are plugins listed before this one, so they wrap it and apply exactly as before.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type PothosOutputFieldType, type SchemaTypes } from "@pothos/core";
import { defaultFieldResolver, type GraphQLFieldResolver } from "graphql";

const pluginName = "prefetch";

/** Where a shaped row keeps its prefetched fields, by response key. */
export const PREFETCHED = Symbol("prefetched");

/** A prefetched field that is an error (a nested list's stale cursor): the plugin throws it at that field. */
export class PrefetchedError {
  constructor(readonly error: Error) {}
}

declare global {
  // Pothos registers plugins through this global namespace; there is no module-based way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      prefetch: PothosPrefetchPlugin<Types>;
    }
  }
}

export class PothosPrefetchPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (fieldConfig.kind === "Query" || fieldConfig.kind === "Mutation" || fieldConfig.kind === "Subscription") return resolver;
    const own = (fieldConfig.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Types["Context"], object>;
    // A scalar or enum is never prefetched (a row's own columns are its properties), so a leaf field that no
    // plugin wraps resolves the same either way: left unwrapped, an exposed column keeps no resolver at all
    // (Pothos drops the default one), and the executor reads the property without a call per row.
    if (resolver === own && isLeaf(fieldConfig.type)) return resolver;
    return (parent, args, ctx, info) => {
      const prefetched = (parent as { [PREFETCHED]?: Record<string, unknown> } | null)?.[PREFETCHED];
      if (prefetched === undefined) return resolver(parent, args, ctx, info);
      const key = info.path.key as string;
      if (!Object.hasOwn(prefetched, key)) return own(parent, args, ctx, info);
      const value = prefetched[key];
      if (value instanceof PrefetchedError) throw value.error;
      return value;
    };
  }
}

function isLeaf<Types extends SchemaTypes>(type: PothosOutputFieldType<Types>): boolean {
  const named = type.kind === "List" ? type.type : type;
  return named.kind === "Scalar" || named.kind === "Enum";
}

SchemaBuilder.registerPlugin(pluginName, PothosPrefetchPlugin);

export default pluginName;
