import { builder } from "../builder";
import { connectionDocs } from "../shared/connections";
import { Author, AuthorWhere, authorWhere } from "./types";

builder.queryFields((t) => ({
  authors: t.prismaConnection(
    {
      type: Author,
      cursor: "id",
      description: "Review authors and panel chairs, by reference.",
      args: { where: t.arg({ type: AuthorWhere, description: "Which authors to include." }) },
      totalCount: (_parent, args, ctx) =>
        ctx.db.author.count({ where: args.where ? authorWhere(args.where, "where") : undefined }),
      resolve: (query, _parent, args, ctx) => {
        return ctx.db.author.findMany({
          ...query,
          where: args.where ? authorWhere(args.where, "where") : undefined,
          orderBy: { reference: "asc" },
        });
      },
    },
    ...connectionDocs("authors"),
  ),
}));
