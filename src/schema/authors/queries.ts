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
  author: t.prismaField({
    type: Author,
    nullable: true,
    description: "The author with this pseudonymous reference, or null when there is none. Case-level: not available to research partners.",
    authScopes: { caseDetail: true },
    args: { reference: t.arg.string({ required: true, description: "Pseudonymous author reference." }) },
    resolve: (query, _parent, args, ctx) => ctx.db.author.findUnique({ ...query, where: { reference: args.reference } }),
  }),
}));
