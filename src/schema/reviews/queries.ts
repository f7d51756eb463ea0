import { builder } from "../builder";
import { connectionDocs } from "../shared/connections";
import { Finding, FindingWhere, findingWhere, Review, ReviewOrder, ReviewWhere, reviewOrderBy, reviewWhere } from "./types";

builder.queryFields((t) => ({
  reviews: t.prismaConnection(
    {
      type: Review,
      cursor: "id",
      description: "Serious case reviews. Case-level: not available to research partners (PARTNER), who see figures about reviews in Stats.",
      authScopes: { caseDetail: true },
      args: {
        where: t.arg({ type: ReviewWhere, description: "Which reviews to include." }),
        orderBy: t.arg({ type: [ReviewOrder], description: "Sort keys (default: initiation date); ties are broken by ID." }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.review.count({ where: args.where ? reviewWhere(args.where, "where", ctx.databaseKind) : undefined }),
      resolve: (query, _parent, args, ctx) => {
        return ctx.db.review.findMany({
          ...query,
          where: args.where ? reviewWhere(args.where, "where", ctx.databaseKind) : undefined,
          orderBy: reviewOrderBy(args.orderBy),
        });
      },
    },
    ...connectionDocs("reviews"),
  ),
  review: t.prismaField({
    type: Review,
    nullable: true,
    description: "The review with this reference, or null when there is none. Case-level: not available to research partners.",
    authScopes: { caseDetail: true },
    args: { reference: t.arg.string({ required: true, description: "Review reference." }) },
    resolve: (query, _parent, args, ctx) => ctx.db.review.findUnique({ ...query, where: { reference: args.reference } }),
  }),
  findings: t.prismaConnection(
    {
      type: Finding,
      cursor: "id",
      description:
        "Findings about reviews, from the inspectorate's evaluations and from the reviews themselves. Case-level: not available to research partners.",
      authScopes: { caseDetail: true },
      args: { where: t.arg({ type: FindingWhere, description: "Which findings to include." }) },
      totalCount: (_parent, args, ctx) =>
        ctx.db.finding.count({ where: args.where ? findingWhere(args.where, "where", ctx.databaseKind) : undefined }),
      resolve: (query, _parent, args, ctx) => {
        return ctx.db.finding.findMany({
          ...query,
          where: args.where ? findingWhere(args.where, "where", ctx.databaseKind) : undefined,
          orderBy: { id: "asc" },
        });
      },
    },
    ...connectionDocs("findings"),
  ),
}));
