// Deny by default, checked on the built schema: every mutation and every sensitive field carries a scope, so
// a field added without thinking about who may see it fails here rather than leaking.
import { getNamedType, type GraphQLField, type GraphQLNamedType, isEnumType, isInterfaceType, isObjectType, isScalarType } from "graphql";
import { schema } from "../../src/schema";
import { SCOPE_ROLES } from "../../src/schema/access/roles";

type Scopes = Record<string, unknown> | undefined;
const fieldScopes = (field: GraphQLField<unknown, unknown>) =>
  (field.extensions as { pothosOptions?: { authScopes?: Scopes } }).pothosOptions?.authScopes;
const typeScopes = (type: GraphQLNamedType) => (type.extensions as { pothosOptions?: { authScopes?: Scopes } }).pothosOptions?.authScopes;

/** Case-level records: each is about a child. Partners never see them, however reached. */
const CASE_LEVEL = ["Incident", "Review", "Evaluation", "Finding"];
/** Access records: ADMIN only. */
const ADMIN_ONLY = ["ApiKey", "AuditEvent"];

/**
 * Every text field of the types that hold people or cases, classified. A new one fails the last test until it
 * is added to one list or the other (and, if sensitive, given a scope).
 */
const SENSITIVE_TEXT = ["Incident.decisionRationale", "Finding.summary", "Author.displayName"];
const PLAIN_TEXT = [
  "Incident.reference",
  "Review.reference",
  "Author.reference",
  "ApiKey.prefix",
  "ApiKey.label",
  "AuditEvent.actor",
  "AuditEvent.entity",
  "AuditEvent.entityId",
  "AuditEvent.before",
  "AuditEvent.after",
  "AuditEvent.requestId",
];
const PEOPLE_AND_CASES = [...CASE_LEVEL, ...ADMIN_ONLY, "Author", "Competency", "Authorship", "ReviewAgency"];

const objectTypes = () =>
  Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !t.name.startsWith("__"))
    .map((t) => t as import("graphql").GraphQLObjectType);

test("every mutation states the scope it needs, on top of the Mutation type's STEWARD default", () => {
  const mutation = schema.getMutationType()!;
  expect(typeScopes(mutation)).toEqual({ steward: true });
  const unscoped = Object.values(mutation.getFields()).filter((f) => !fieldScopes(f) || Object.keys(fieldScopes(f)!).length === 0);
  expect(unscoped.map((f) => f.name)).toEqual([]);
  expect(Object.keys(mutation.getFields()).length).toBeGreaterThan(0);
});

test("every read needs a key (the Query type's default)", () => {
  expect(typeScopes(schema.getQueryType()!)).toEqual({ authenticated: true });
});

test("case-level types refuse partners at the type, whichever field reaches them", () => {
  for (const name of CASE_LEVEL) {
    const type = schema.getType(name)!;
    expect([name, typeScopes(type)]).toEqual([name, { caseDetail: true }]);
    expect([name, (type.extensions as { pothosOptions?: { runScopesOnType?: boolean } }).pothosOptions?.runScopesOnType]).toEqual([name, true]);
  }
  for (const name of ADMIN_ONLY) expect([name, typeScopes(schema.getType(name)!)]).toEqual([name, { admin: true }]);
});

test("every field that leads to case-level records, outside them, needs ANALYST or more", () => {
  const leaks: string[] = [];
  for (const type of objectTypes()) {
    if (CASE_LEVEL.includes(type.name)) continue; // their own fields are guarded by the type's scope
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type).name.replace(/(Connection|Edge)$/, "");
      if (!CASE_LEVEL.includes(target) || type.name.endsWith("Connection") || type.name.endsWith("Edge")) continue;
      const scopes = fieldScopes(field) ?? {};
      const allowed = Object.keys(scopes).flatMap((s) => SCOPE_ROLES[s as keyof typeof SCOPE_ROLES] ?? []);
      if (allowed.length === 0 || allowed.includes("PARTNER")) leaks.push(`${type.name}.${field.name}`);
    }
  }
  expect(leaks).toEqual([]);
});

test("fields that lead to access records need ADMIN", () => {
  const leaks: string[] = [];
  for (const type of objectTypes()) {
    if (ADMIN_ONLY.includes(type.name) || type.name.endsWith("Connection") || type.name.endsWith("Edge")) continue;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type).name.replace(/(Connection|Edge)$/, "");
      if (
        ADMIN_ONLY.includes(target) &&
        type.name !== "CreateApiKeyPayload" &&
        type.name !== "RevokeApiKeyPayload" &&
        fieldScopes(field)?.admin !== true
      ) {
        leaks.push(`${type.name}.${field.name}`);
      }
    }
  }
  expect(leaks).toEqual([]);
});

test("figures over case-level records that are not suppressed for partners need ANALYST or more", () => {
  // findingGroups has no suppressed table behind it; reviewGroups, incidentGroups and variation answer a
  // research partner from the year's suppressed Stats table (docs/disclosure.md; test/api/partner-groups.test.ts).
  const query = schema.getQueryType()!.getFields();
  expect(fieldScopes(query.findingGroups!)).toEqual({ caseDetail: true });
  for (const name of ["incidentGroups", "reviewGroups", "variation"])
    expect([name, fieldScopes(query[name]!)?.caseDetail]).toEqual([name, undefined]);
});

test("sensitive free text and identities need ANALYST or more", () => {
  for (const name of SENSITIVE_TEXT) {
    const [typeName, fieldName] = name.split(".") as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    expect([name, fieldScopes(type.getFields()[fieldName]!)]).toEqual([name, { caseDetail: true }]);
  }
});

test("every text field of the types about people and cases is classified as sensitive or plain", () => {
  const unclassified: string[] = [];
  for (const typeName of PEOPLE_AND_CASES) {
    const type = schema.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`${typeName} is missing`);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isScalarType(named) || named.name !== "String" || isEnumType(named)) continue;
      const name = `${typeName}.${field.name}`;
      if (!SENSITIVE_TEXT.includes(name) && !PLAIN_TEXT.includes(name)) unclassified.push(name);
    }
  }
  expect(unclassified).toEqual([]);
});
