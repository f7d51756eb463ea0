// Walks an operation before it runs, for the checks that must see all of it at once (page sizes, list items,
// a research partner's periods): every field of the operation and of the document's fragments, with its
// definition in the schema.
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";

export function eachField(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  visitor: (field: GraphQLField<unknown, unknown>, node: FieldNode) => void,
): void {
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const root of [operation, ...fragments]) {
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          if (field) visitor(field, node);
        },
      }),
    );
  }
}
