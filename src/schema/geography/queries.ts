import { builder } from "../builder";
import { resolveRootList } from "../common/query-connections";
import { Board, BoardConnection, BoardOrder, boardOrderBy, Region, RegionConnection, RegionOrder, regionOrderBy } from "./types";
import { BoardWhere, boardWhere, RegionWhere, regionWhere } from "../common/where";

builder.queryFields((t) => ({
  regions: t.connection(
    {
      type: Region,
      description: "The nine English regions.",
      args: {
        where: t.arg({ type: RegionWhere, description: "Which regions to include." }),
        orderBy: t.arg({ type: [RegionOrder], description: "Sort keys, in order (default: code); ties are broken by ID." }),
      },
      resolve: (_root, args, ctx, info) =>
        resolveRootList(
          {
            model: "Region",
            where: args.where ? regionWhere(args.where, "where") : undefined,
            order: regionOrderBy(args.orderBy),
          },
          args,
          ctx,
          info,
        ),
    },
    RegionConnection,
  ),
  region: t.prismaField({
    type: Region,
    nullable: true,
    description: "The region with this ONS code, or null when there is none.",
    args: { code: t.arg.string({ required: true, description: "ONS region code, e.g. E12000002." }) },
    resolve: (query, _parent, args, ctx) => ctx.db.region.findUnique({ ...query, where: { code: args.code } }),
  }),
  boards: t.connection(
    {
      type: Board,
      description: "Local Safeguarding Children Boards, every one that was in force at some time unless filtered.",
      args: {
        where: t.arg({ type: BoardWhere, description: "Which boards to include." }),
        orderBy: t.arg({ type: [BoardOrder], description: "Sort keys, in order (default: name); ties are broken by ID." }),
      },
      resolve: (_root, args, ctx, info) =>
        resolveRootList(
          {
            model: "Board",
            where: args.where ? boardWhere(args.where, "where") : undefined,
            order: boardOrderBy(args.orderBy),
          },
          args,
          ctx,
          info,
        ),
    },
    BoardConnection,
  ),
  board: t.prismaField({
    type: Board,
    nullable: true,
    description: "The board with this GSS code, or null when there is none.",
    args: { code: t.arg.string({ required: true, description: "GSS code of the board's authority, e.g. E08000003." }) },
    resolve: (query, _parent, args, ctx) => ctx.db.board.findUnique({ ...query, where: { code: args.code, withdrawnAt: null } }),
  }),
}));
