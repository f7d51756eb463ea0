import { builder } from "../builder";
import { resolveRootList } from "../common/query-connections";
import { IncidentWhere, incidentWhere } from "../common/where";
import { Incident, IncidentConnection, IncidentOrder, incidentOrderBy } from "./types";

builder.queryFields((t) => ({
  incidents: t.connection(
    {
      type: Incident,
      description:
        "Serious incident notifications. Case-level: not available to research partners (PARTNER), who see figures about incidents in Stats.",
      authScopes: { caseDetail: true },
      args: {
        where: t.arg({ type: IncidentWhere, description: "Which incidents to include." }),
        orderBy: t.arg({ type: [IncidentOrder], description: "Sort keys (default: notification date); ties are broken by ID." }),
      },
      resolve: (_root, args, ctx, info) =>
        resolveRootList(
          {
            model: "Incident",
            where: args.where ? incidentWhere(args.where, "where") : undefined,
            order: incidentOrderBy(args.orderBy),
          },
          args,
          ctx,
          info,
        ),
    },
    IncidentConnection,
  ),
  incident: t.prismaField({
    type: Incident,
    nullable: true,
    description: "The incident with this reference, or null when there is none. Case-level: not available to research partners.",
    authScopes: { caseDetail: true },
    args: { reference: t.arg.string({ required: true, description: "Incident reference." }) },
    resolve: (query, _parent, args, ctx) => ctx.db.incident.findUnique({ ...query, where: { reference: args.reference } }),
  }),
}));
