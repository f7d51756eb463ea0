// Sending a steward's records through the API: the mutation name of each kind and a create helper.
import type { RecordKindName } from "../../src/domain/records";
import { FIXTURE, FIXTURE_REGION } from "./steward-cases";
import type { TestServer } from "./server";

export const TYPE_NAME: Record<RecordKindName, string> = {
  board: "Board",
  population: "ChildPopulation",
  incident: "Incident",
  review: "Review",
  evaluation: "Evaluation",
  finding: "Finding",
  author: "Author",
  competency: "Competency",
  authorship: "Authorship",
};

export interface ProblemOut {
  path: string[];
  code: string;
  message: string;
}
export interface PayloadOut {
  __typename: string;
  id?: string;
  version?: number;
  problems?: ProblemOut[];
  currentVersion?: number;
  yourVersion?: number;
  message?: string;
}

const REJECTED = `... on RecordRejected { message problems { path code message } }`;
const ERRORS = {
  create: `${REJECTED} ... on IdempotencyKeyReused { message key }`,
  update: `${REJECTED} ... on VersionConflict { message currentVersion yourVersion } ... on RecordNotFound { message }`,
  withdraw: `${REJECTED} ... on VersionConflict { message currentVersion yourVersion } ... on RecordNotFound { message }`,
};

function recordFields(kind: RecordKindName) {
  // ChildPopulation and Authorship are not nodes: no id.
  return kind === "population" || kind === "authorship" ? "version" : "id version";
}

export async function send(
  t: TestServer,
  verb: "create" | "update" | "withdraw",
  kind: RecordKindName,
  input: Record<string, unknown>,
  key?: string,
) {
  const name = TYPE_NAME[kind];
  const success =
    verb === "withdraw" ? `... on RecordWithdrawn { version withdrawnAt withdrawnReason withdrawnBy }` : `... on ${name} { ${recordFields(kind)} }`;
  const document = `mutation($input: ${verb[0]!.toUpperCase()}${verb.slice(1)}${name}Input!) { result: ${verb}${name}(input: $input) { __typename ${success} ${ERRORS[verb]} } }`;
  return t.query<{ result: PayloadOut }, { input: Record<string, unknown> }>(document, { input }, { key: key ?? t.keys.STEWARD });
}

/** Inserts the fixture's region and creates every fixture record through the API (each must succeed). */
export async function createFixture(t: TestServer): Promise<void> {
  await t.database.db.region.create({ data: FIXTURE_REGION });
  for (const kind of FIXTURE.order) {
    for (const input of (FIXTURE[kind] ?? []) as unknown as Record<string, unknown>[]) {
      const r = await send(t, "create", kind, input);
      if (r.errors || r.data?.result.__typename !== TYPE_NAME[kind]) throw new Error(`fixture ${kind}: ${JSON.stringify(r)}`);
    }
  }
}
