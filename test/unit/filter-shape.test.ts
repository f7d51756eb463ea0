// The rule src/schema/common/filter-shape.ts counts relation filters by: a field of a `…Where` input whose type is
// another `…Where` or a `…ListFilter` crosses a relation; every other input object under a `…Where` is an
// operator input holding only values. A relation filter spelt any other way would escape the depth and number
// limits and the cost, so this walks the schema and fails on one.
import { getNamedType, type GraphQLInputObjectType, type GraphQLInputType, isInputObjectType, isLeafType } from "graphql";
import { schema } from "../../src/schema";

/** The input object a field's type names, or none when it is a leaf. */
function innerFields(type: GraphQLInputType): GraphQLInputObjectType[] {
  const named = getNamedType(type);
  return isInputObjectType(named) ? [named] : [];
}

const whereTypes = Object.values(schema.getTypeMap()).filter((t) => isInputObjectType(t) && t.name.endsWith("Where"));

test("the schema has the filter inputs this rule is about", () => {
  expect(whereTypes.map((t) => t.name)).toEqual(
    expect.arrayContaining(["RegionWhere", "BoardWhere", "IncidentWhere", "ReviewWhere", "FindingWhere", "AuthorWhere"]),
  );
});

test("every input object under a …Where is a relation (…Where, …ListFilter) or holds only values", () => {
  const unclassified: string[] = [];
  for (const type of whereTypes) {
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isInputObjectType(named) || named.name.endsWith("Where")) continue;
      if (named.name.endsWith("ListFilter")) {
        // some/none/every, each of one model's …Where.
        for (const q of Object.values(named.getFields()))
          if (!getNamedType(q.type).name.endsWith("Where")) unclassified.push(`${named.name}.${q.name}`);
        continue;
      }
      // A figure condition (StatsFigureFilter) crosses no relation: it becomes `id IN (…)` from the request's
      // grouped Stats statements; its period and operator inputs hold only values.
      const inners = named.name === "StatsFigureFilter" ? Object.values(named.getFields()).flatMap((f) => innerFields(f.type)) : [named];
      for (const holder of inners)
        for (const inner of Object.values(holder.getFields()))
          if (!isLeafType(getNamedType(inner.type))) unclassified.push(`${type.name}.${field.name} (${holder.name}.${inner.name})`);
    }
  }
  expect(unclassified).toEqual([]);
});
