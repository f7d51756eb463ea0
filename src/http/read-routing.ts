// Where a request's statements go when the database has read replicas (READ_REPLICA_URLS): a query reads from
// a replica, taken in turn, so many server processes and replicas share the reading; a mutation, and every
// read it makes (its checks and the record it returns), runs on the primary, so it sees what it wrote and
// what was written before it. Key look-ups, last use and the audit log always use the primary (src/http/server.ts).
// A query sent just after a mutation may not see it for as long as the replica lags (milliseconds on a
// healthy stream): a client that must read its own write reads it from the mutation's payload.
import type { ApolloServerPlugin } from "@apollo/server";
import { LateClient } from "../context";
import type { Database } from "../db";
import type { RequestState, ServerContext } from "./request-state";

/**
 * The client a request's context is made with. Without replicas, the primary. With them, one chosen on the
 * resolvers' first use of it, which comes after primaryForMutations has seen the operation: so a request's
 * context is built once, for the client it runs on, and a mutation takes no replica's turn.
 */
export function clientFor(database: Database, request: RequestState) {
  if (database.replicas === 0) return database.reader();
  return new LateClient(() => {
    if (request.client === "primary") return database.db;
    request.client = "replica";
    return database.reader();
  });
}

/** The plugin that sends a mutation to the primary, before any resolver runs. */
export function primaryForMutations(database: Database): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      if (database.replicas === 0) return;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          // Nothing may have read on a replica before this point: a mutation must see what it writes.
          if (contextValue.request.client === "replica") throw new Error("a mutation's context was used before its operation was known");
          contextValue.request.client = "primary";
        },
      };
    },
  };
}
