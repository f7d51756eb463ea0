import { builder } from "../builder";
import { resolveRootList } from "../common/query-connections";
import { Finding, FindingConnection, FindingOrder, findingOrderBy, Review, ReviewConnection, ReviewOrder, reviewOrderBy } from "./types";
import { FindingWhere, findingWhere, ReviewWhere, reviewWhere } from "../common/where";

builder.queryFields((t) => ({
  reviews: t.connection(
    {
      type: Review,
      description: "Serious case reviews. Case-level: not available to research partners (PARTNER), who see figures about reviews in Stats.",
      authScopes: { caseDetail: true },
      args: {
        where: t.arg({ type: ReviewWhere, description: "Which reviews to include." }),
        orderBy: t.arg({ type: [ReviewOrder], description: "Sort keys (default: initiation date); ties are broken by ID." }),
      },
      resolve: (_root, args, ctx, info) =>
        resolveRootList(
          {
            model: "Review",
            where: args.where ? reviewWhere(args.where, "where") : undefined,
            order: reviewOrderBy(args.orderBy),
          },
          args,
          ctx,
          info,
        ),
    },
    ReviewConnection,
  ),
  review: t.prismaField({
    type: Review,
    nullable: true,
    description: "The review with this reference, or null when there is none. Case-level: not available to research partners.",
    authScopes: { caseDetail: true },
    args: { reference: t.arg.string({ required: true, description: "Review reference." }) },
    resolve: (query, _parent, args, ctx) => ctx.db.review.findUnique({ ...query, where: { reference: args.reference, withdrawnAt: null } }),
  }),
  findings: t.connection(
    {
      type: Finding,
      description:
        "Findings about reviews, from the inspectorate's evaluations and from the reviews themselves. Case-level: not available to research partners.",
      authScopes: { caseDetail: true },
      args: {
        where: t.arg({ type: FindingWhere, description: "Which findings to include." }),
        orderBy: t.arg({ type: [FindingOrder], description: "Sort keys (default: none, so ID order); ties are broken by ID." }),
      },
      resolve: (_root, args, ctx, info) =>
        resolveRootList(
          {
            model: "Finding",
            where: args.where ? findingWhere(args.where, "where") : undefined,
            order: findingOrderBy(args.orderBy),
          },
          args,
          ctx,
          info,
        ),
    },
    FindingConnection,
  ),
}));
