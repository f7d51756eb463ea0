import { builder } from "../builder";
import { resolveRootList } from "../common/query-connections";
import { AuthorWhere, authorWhere } from "../common/where";
import { Author, AuthorConnection, AuthorOrder, authorOrderBy } from "./types";

builder.queryFields((t) => ({
  authors: t.connection(
    {
      type: Author,
      description: "Review authors and panel chairs, by reference unless sorted otherwise.",
      args: {
        where: t.arg({ type: AuthorWhere, description: "Which authors to include." }),
        orderBy: t.arg({ type: [AuthorOrder], description: "Sort keys (default: reference); ties are broken by ID." }),
      },
      resolve: (_root, args, ctx, info) =>
        resolveRootList(
          {
            model: "Author",
            where: args.where ? authorWhere(args.where, "where") : undefined,
            order: authorOrderBy(args.orderBy),
          },
          args,
          ctx,
          info,
        ),
    },
    AuthorConnection,
  ),
}));
