// A validation rule: an operation whose kind the schema does not offer (a mutation sent with a research
// partner's key, whose schema has none; any subscription) is refused with its reason before anything runs.
// graphql-js itself only notices at execution, with an error that is not written for clients.
import { GraphQLError, type ValidationRule } from "graphql";

const REASONS: Record<string, string> = {
  mutation: "writes need a STEWARD or ADMIN key",
  subscription: "SCR Atlas offers no subscriptions; ask with a query",
};

export const SupportedOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root =
      node.operation === "query" ? schema.getQueryType() : node.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
    if (root) return;
    context.reportError(
      new GraphQLError(`This key's schema has no ${node.operation} operations: ${REASONS[node.operation] ?? "ask with a query"}.`, { nodes: [node] }),
    );
  },
});
