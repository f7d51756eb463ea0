// The printed schema is the front-end teams' documentation: it must be current and fully described.
import fs from "node:fs";
import path from "node:path";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from "graphql";
import { printSortedSchema, schema } from "../../src/schema";

test("schema/schema.graphql is up to date (run `npm run schema:print`)", () => {
  const committed = fs.readFileSync(path.join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8");
  expect(committed === printSortedSchema()).toBe(true);
});

test("every type, field, argument and enum value has a description", () => {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || (isScalarType(type) && ["String", "Int", "Float", "Boolean", "ID"].includes(type.name))) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  expect(missing).toEqual([]);
});

test("the names of docs/api-contract.md are there", () => {
  const query = schema.getQueryType()!.getFields();
  for (const name of [
    "node",
    "nodes",
    "regions",
    "region",
    "boards",
    "board",
    "incidents",
    "reviews",
    "review",
    "findings",
    "authors",
    "nationalStats",
    "silentBoards",
  ]) {
    expect(query[name]).toBeDefined();
  }
  for (const name of [
    "Region",
    "Board",
    "Incident",
    "Review",
    "Evaluation",
    "Finding",
    "Author",
    "Competency",
    "Stats",
    "PeriodInput",
    "Date",
    "Node",
  ]) {
    expect(schema.getType(name)).toBeDefined();
  }
});
