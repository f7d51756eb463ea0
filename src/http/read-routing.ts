// Where a request's statements go when the database has read replicas (READ_REPLICA_URLS): a query reads from
// a replica, taken in turn, so many server processes and replicas share the reading; a mutation, and every
// read it makes (its checks and the record it returns), runs on the primary, so it sees what it wrote and
// what was written before it. Key look-ups, last use and the audit log always use the primary (src/http/server.ts).
// A query sent just after a mutation may not see it for as long as the replica lags (milliseconds on a
// healthy stream): a client that must read its own write reads it from the mutation's payload.
import type { ApolloServerPlugin } from "@apollo/server";
import type { Database } from "../db";
import type { Context } from "../context";
import type { ServerContext } from "./request-state";

/**
 * The plugin that moves a mutation to the primary before any resolver runs. `contextFor` builds the
 * resolvers' context for a client, as the server does for every request.
 */
export function primaryForMutations(
  database: Database,
  contextFor: (db: Database["db"], state: ServerContext) => Context,
): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      if (database.replicas === 0) return;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          // Nothing has run on the replica's context yet: its loaders and caches are replaced whole.
          Object.assign(contextValue, contextFor(database.db, contextValue));
        },
      };
    },
  };
}
