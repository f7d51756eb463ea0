// Trusted documents: the operations SCR Atlas's own clients send, registered ahead of time. GraphQL Code
// Generator writes their manifest (codegen.ts, `persistedDocuments`): each document of web/atlas/operations,
// as the client sends it, under its SHA-256. The server reads the manifest once at start, so
//   - any key may run a registered operation by its hash alone (extensions.persistedQuery.sha256Hash), the
//     same protocol as automatic persisted queries (persisted-queries.ts), with nothing registered first;
//   - a key limited to registered operations (ApiKey.registeredOnly) runs those and nothing else
//     (registered-only.ts);
//   - the registered operations' names are labels of their own in the metrics (metrics.ts).
// The manifest is committed and `npm run codegen -- --check` fails when it is stale, so it always matches the
// committed documents. A manifest whose hash does not match its text stops the server at start.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../root";
import { Kind, parse } from "graphql";

/** Where codegen writes the manifest. */
export const MANIFEST_FILE = path.join(PROJECT_ROOT, "web", "atlas", "gql", "persisted-documents.json");

export interface TrustedDocuments {
  /** The registered document whose SHA-256 (64 lower-case hexadecimal digits) is `hash`, if any. */
  get(hash: string): string | undefined;
  has(hash: string): boolean;
  /** The names of the registered operations. */
  readonly operationNames: ReadonlySet<string>;
  readonly size: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The trusted documents of a manifest's JSON text ({ "sha256:<hex>": document }); throws naming what is wrong. */
export function trustedDocumentsOf(json: string, source = "the trusted-documents manifest"): TrustedDocuments {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${source} is not a JSON object`);
  const documents = new Map<string, string>();
  const operationNames = new Set<string>();
  for (const [key, text] of Object.entries(parsed)) {
    const hash = /^sha256:([0-9a-f]{64})$/.exec(key)?.[1];
    if (!hash || typeof text !== "string") throw new Error(`${source}: ${key} is not "sha256:<64 hexadecimal digits>" with a document as its value`);
    if (sha256(text) !== hash) throw new Error(`${source}: the document under ${key} does not have that SHA-256; run npm run codegen`);
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operationNames.add(definition.name.value);
    }
    documents.set(hash, text);
  }
  return {
    get: (hash) => documents.get(hash),
    has: (hash) => documents.has(hash),
    operationNames,
    size: documents.size,
  };
}

export function loadTrustedDocuments(file = MANIFEST_FILE): TrustedDocuments {
  return trustedDocumentsOf(fs.readFileSync(file, "utf8"), file);
}
