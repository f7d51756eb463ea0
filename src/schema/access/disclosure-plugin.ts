// A Pothos plugin that passes figures through small-number suppression for research partners: every field of
// `Stats` (by its rule in disclosure.ts) and every other field returning CountFigure or RatioFigure (primary
// suppression). Being a plugin, it reaches every such field, including ones added later, without the
// analytics module calling it.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type PothosOutputFieldType, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import type { Context } from "../../context";
import { isSuppressed, presentFigure, presentStatsField, type StatsParent } from "./disclosure";

const pluginName = "disclosure";

declare global {
  // Pothos registers plugins through this global namespace; there is no module-based way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      disclosure: PothosDisclosurePlugin<Types>;
    }
  }
}

/** The type that holds a unit's figures for a period. */
export const STATS_TYPE = "Stats";
const FIGURE_TYPES = new Set(["CountFigure", "RatioFigure"]);

export class PothosDisclosurePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  private namedType(type: PothosOutputFieldType<Types>): string {
    if (type.kind === "List") return this.namedType(type.type);
    return this.buildCache.getTypeConfig(type.ref).name;
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const fieldName = fieldConfig.name;
    if (fieldConfig.parentType === STATS_TYPE) {
      // Unwrapped for a role that sees figures as computed: a synchronous figure stays synchronous.
      return (parent, args, ctx, info) => {
        const value = resolver(parent, args, ctx, info);
        if (!isSuppressed(ctx as unknown as Context)) return value;
        return Promise.resolve(value).then((v) => presentStatsField(fieldName, v, parent as StatsParent, ctx as unknown as Context));
      };
    }
    const typeName = this.namedType(fieldConfig.type);
    if (FIGURE_TYPES.has(typeName)) {
      return (parent, args, ctx, info) => {
        const value = resolver(parent, args, ctx, info);
        if (!isSuppressed(ctx as unknown as Context)) return value;
        return Promise.resolve(value).then((v) => presentFigure(typeName as "CountFigure" | "RatioFigure", v, ctx as unknown as Context));
      };
    }
    return resolver;
  }
}

SchemaBuilder.registerPlugin(pluginName, PothosDisclosurePlugin);

export default pluginName;
