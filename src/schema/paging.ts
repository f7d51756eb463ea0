// Checks every connection's `first`/`last`/`after`/`before` in an operation before anything executes, so a
// page that is too large or ambiguous is refused with a clear error instead of being clamped or half-run.
import {
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  getArgumentValues,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  Kind,
} from "graphql";
import { checkPageArgs } from "./shared/connections";

export function checkPaging(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const root of [operation, ...fragments]) {
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          if (!field || !field.args.some((a) => a.name === "first" || a.name === "last")) return;
          checkPageArgs(getArgumentValues(field, node, variables));
        },
      }),
    );
  }
}
