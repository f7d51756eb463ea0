// A Pothos plugin that works out figure filters and orders (figure-prepare.ts) before a field that takes one
// resolves. `BoardWhere` and `RegionWhere` appear under many lists (a review's board, a region's boards …),
// so the work is attached to every field whose arguments can hold one, not to each list's resolver by hand.
// Fields whose arguments are all scalars are left untouched; the others check, once per field, whether their
// argument types can reach a figure input at all.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLField, GraphQLFieldResolver } from "graphql";
import type { Context } from "../../context";
import { canHoldFigures, prepareFigureInputs } from "./figure-prepare";

const pluginName = "figureInputs";

declare global {
  // Pothos registers plugins through this global namespace; there is no module-based way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      figureInputs: PothosFigureInputsPlugin<Types>;
    }
  }
}

export class PothosFigureInputsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const takesObjects = Object.values(fieldConfig.args).some(
      (a) => a.type.kind === "InputObject" || (a.type.kind === "List" && a.type.type.kind === "InputObject"),
    );
    if (!takesObjects) return resolver;
    const holds = new WeakMap<GraphQLField<unknown, unknown>, boolean>();
    return (parent, args, ctx, info) => {
      const field = info.parentType.getFields()[info.fieldName]!;
      let can = holds.get(field);
      if (can === undefined) holds.set(field, (can = field.args.some((a) => canHoldFigures(a.type))));
      if (!can) return resolver(parent, args, ctx, info);
      return prepareFigureInputs(ctx as unknown as Context, field.args, args as Record<string, unknown>).then(() =>
        resolver(parent, args, ctx, info),
      );
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, PothosFigureInputsPlugin);

export default pluginName;
