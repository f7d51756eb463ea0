import { builder } from "../builder";
import { connectionDocs } from "../shared/connections";
import { Incident, IncidentOrder, IncidentWhere, incidentOrderBy, incidentWhere } from "./types";

builder.queryFields((t) => ({
  incidents: t.prismaConnection(
    {
      type: Incident,
      cursor: "id",
      description: "Serious incident notifications. Case-level: not available to research partners (PARTNER), who see figures about incidents in Stats.",
      authScopes: { caseDetail: true },
      args: {
        where: t.arg({ type: IncidentWhere, description: "Which incidents to include." }),
        orderBy: t.arg({ type: [IncidentOrder], description: "Sort keys (default: notification date); ties are broken by ID." }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.incident.count({ where: args.where ? incidentWhere(args.where, "where", ctx.databaseKind) : undefined }),
      resolve: (query, _parent, args, ctx) => {
        return ctx.db.incident.findMany({
          ...query,
          where: args.where ? incidentWhere(args.where, "where", ctx.databaseKind) : undefined,
          orderBy: incidentOrderBy(args.orderBy),
        });
      },
    },
    ...connectionDocs("incidents"),
  ),
}));
