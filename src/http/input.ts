// Checks on what a request sends that the query limits do not cover: the text of its arguments (length, and
// characters no database column holds), the kind of operation, and the automatic-persisted-query extension.
// Each refusal is a 400 naming the argument at fault, before any SQL of the request's own runs.
//
// Why text is checked here and not left to the databases: PostgreSQL refuses a NUL in a text parameter with an
// error that would surface as INTERNAL, while SQLite cuts a LIKE pattern at the NUL (so `contains: "\u0000"`
// matched every row) and fails on patterns over 50,000 bytes; a lone UTF-16 surrogate is not a character at all
// and cannot be encoded as UTF-8 for either.
import { createHash } from "node:crypto";
import {
  type ArgumentNode,
  type DocumentNode,
  getArgumentValues,
  getLocation,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  Source,
  type ValueNode,
  visit,
} from "graphql";
import { clientError } from "../errors";
import { LIMITS } from "../limits";
import { eachField } from "../schema/common/operation";

/**
 * Characters one text argument may hold. The longest text any argument needs is a key's label (200 characters);
 * codes, references, cursors, dates and ids are far shorter. At 4 bytes a character, doubled by escaping `%` and
 * `_`, 1,000 characters stay well inside SQLite's 50,000-byte limit on a LIKE pattern.
 */
export const MAX_TEXT_CHARACTERS = 1000;

/** Code units that make text unusable: NUL, and a surrogate that is not half of a pair. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNUSABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, "0")}`;

/** What is wrong with one code unit, in words. */
function describeUnit(unit: number): string {
  return unit === 0 ? `a NUL character (${codePoint(unit)})` : `a lone UTF-16 surrogate (${codePoint(unit)})`;
}

function remedy(unit: number): string {
  return unit === 0 ? "text may not contain it." : "send well-formed Unicode text.";
}

function textTooLong(argument: string, characters: number): GraphQLError {
  return clientError(
    "QUERY_LIMIT_EXCEEDED",
    `The text given for ${argument} is ${characters} characters long, more than the limit of ${MAX_TEXT_CHARACTERS} (limit: stringLength).`,
    { limit: { name: "stringLength", max: MAX_TEXT_CHARACTERS, actual: characters }, argument },
  );
}

/** Refuses text that is too long or holds a character no database column can hold. */
function checkText(text: string, argument: string): void {
  // Counted in characters (code points), as a person would count them.
  if (text.length > MAX_TEXT_CHARACTERS) {
    const characters = [...text].length;
    if (characters > MAX_TEXT_CHARACTERS) throw textTooLong(argument, characters);
  }
  const found = UNUSABLE.exec(text);
  if (found) {
    const unit = found[0].charCodeAt(0);
    const at = [...text.slice(0, found.index)].length + 1;
    throw clientError("BAD_USER_INPUT", `The text given for ${argument} holds ${describeUnit(unit)} at character ${at}; ${remedy(unit)}`, {
      argument,
    });
  }
}

/** Calls `visitor` on every text in a coerced argument value, with its path (list items by index). */
function eachText(value: unknown, path: string, visitor: (text: string, path: string) => void): void {
  if (typeof value === "string") visitor(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => eachText(item, `${path}.${i}`, visitor));
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) eachText(item, `${path}.${key}`, visitor);
  }
}

/**
 * Every text in the operation's arguments, literal or from variables, as the resolvers would receive it: at
 * most MAX_TEXT_CHARACTERS characters, no NUL, no lone surrogate. The argument is named `field.argument.path`.
 */
export function checkArgumentText(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  eachField(schema, document, operation, (field, node) => {
    if (field.args.length === 0 || !node.arguments?.length) return;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, variables);
    } catch {
      return; // arguments that do not fit are refused by execution, with the reason
    }
    for (const [name, value] of Object.entries(values)) eachText(value, `${node.name.value}.${name}`, checkText);
  });
}

/** SCR Atlas has no Subscription type; graphql-js would fail such an operation only once it ran, as INTERNAL. */
export function checkOperationKind(operation: OperationDefinitionNode): void {
  if (operation.operation === "subscription") {
    throw clientError(
      "BAD_USER_INPUT",
      "Subscriptions are not offered: SCR Atlas answers queries and mutations over HTTP. Ask again with a query to see changes.",
      { operation: "subscription" },
    );
  }
}

// Lexer messages for a string holding a code unit GraphQL refuses (graphql-js 16).
const BAD_ESCAPE = /^Syntax Error: Invalid Unicode escape sequence: /;
const BAD_CHARACTER = /^Syntax Error: Invalid character within String: /;
const ESCAPE = /^\\u(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/;

interface Fault {
  position: number;
  unit: number;
}

/**
 * The first lone surrogate or NUL that made the document fail to parse, and the document with it replaced by a
 * harmless character of the same length (so positions still match), or null when the syntax error is another.
 */
function patchFault(query: string, error: unknown): { fault: Fault; patched: string } | null {
  if (!(error instanceof GraphQLError) || error.positions?.length !== 1) return null;
  const position = error.positions[0]!;
  if (BAD_CHARACTER.test(error.message)) {
    const unit = query.charCodeAt(position);
    if (unit !== 0 && (unit < 0xd800 || unit > 0xdfff)) return null;
    return { fault: { position, unit }, patched: `${query.slice(0, position)}\ufffd${query.slice(position + 1)}` };
  }
  if (BAD_ESCAPE.test(error.message)) {
    const escape = ESCAPE.exec(query.slice(position));
    if (!escape) return null;
    const digits = escape[1] ?? escape[2]!;
    const unit = parseInt(digits, 16);
    if (unit < 0xd800 || unit > 0xdfff) return null;
    const harmless = escape[1] !== undefined ? `\\u{${"FFFD".padStart(digits.length, "0")}}` : "\\uFFFD";
    return { fault: { position, unit }, patched: query.slice(0, position) + harmless + query.slice(position + escape[0].length) };
  }
  return null;
}

/** The path (`field.argument.path`) of the string literal at `position`, or null when it is in none. */
function argumentAt(document: DocumentNode, position: number): string | null {
  const inValue = (value: ValueNode, path: string): string | null => {
    if (!value.loc || position < value.loc.start || position >= value.loc.end) return null;
    if (value.kind === Kind.STRING) return path;
    if (value.kind === Kind.LIST) {
      for (const [i, item] of value.values.entries()) {
        const found = inValue(item, `${path}.${i}`);
        if (found) return found;
      }
    }
    if (value.kind === Kind.OBJECT) {
      for (const field of value.fields) {
        const found = inValue(field.value, `${path}.${field.name.value}`);
        if (found) return found;
      }
    }
    return null;
  };
  const inArguments = (owner: string, args: readonly ArgumentNode[] | undefined) => {
    for (const arg of args ?? []) {
      const found = inValue(arg.value, `${owner}.${arg.name.value}`);
      if (found) return found;
    }
    return null;
  };
  let path: string | null = null;
  visit(document, {
    Field(node) {
      path ??= inArguments(node.name.value, node.arguments);
    },
    Directive(node) {
      path ??= inArguments(`@${node.name.value}`, node.arguments);
    },
    VariableDefinition(node) {
      if (node.defaultValue) path ??= inValue(node.defaultValue, `$${node.variable.name.value}`);
    },
  });
  return path;
}

/**
 * For a document that does not parse: when the reason is a lone surrogate or a NUL in a string (which graphql-js
 * reports as a syntax error), refuses it as bad input naming the argument and the place. Any other syntax error
 * is left to the GraphQL server, which reports it with its location.
 */
export function checkDocumentText(query: string): void {
  let first: Fault | null = null;
  let source = query;
  // Each pass replaces one fault; a few passes find the first fault's argument in any real document.
  for (let pass = 0; pass < 10; pass++) {
    let document: DocumentNode;
    try {
      document = parse(new Source(source), { maxTokens: LIMITS.tokens });
    } catch (error) {
      const patch = patchFault(source, error);
      if (!patch) break;
      first ??= patch.fault;
      source = patch.patched;
      continue;
    }
    if (!first) return;
    const { line, column } = getLocation(new Source(query), first.position);
    const argument = argumentAt(document, first.position);
    const where = argument ? `The text given for ${argument} (line ${line}, column ${column})` : `The document, at line ${line}, column ${column},`;
    throw clientError("BAD_USER_INPUT", `${where} holds ${describeUnit(first.unit)}; ${remedy(first.unit)}`, argument ? { argument } : {});
  }
  if (first) {
    const { line, column } = getLocation(new Source(query), first.position);
    throw clientError("BAD_USER_INPUT", `The document, at line ${line}, column ${column}, holds ${describeUnit(first.unit)}; ${remedy(first.unit)}`);
  }
}

const persistedQueryError = (argument: string, message: string) => clientError("BAD_USER_INPUT", message, { argument });

/**
 * The automatic-persisted-query extension, checked before the key is looked up. Apollo would refuse a wrong
 * version or a hash that is not the query's, but with errors that carry no code (so they were masked as INTERNAL).
 * `extensions` is the body's object, or (`inQueryString`) the GET parameter's JSON text.
 */
export function checkPersistedQuery(extensions: unknown, query: unknown, inQueryString = false): void {
  if (extensions === undefined || extensions === null) return;
  let parsed = extensions;
  if (inQueryString && typeof extensions === "string") {
    try {
      parsed = JSON.parse(extensions);
    } catch {
      throw persistedQueryError("extensions", "extensions must be a JSON object; this one is not valid JSON.");
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw persistedQueryError("extensions", "extensions must be a JSON object.");
  }
  const persisted = (parsed as { persistedQuery?: unknown }).persistedQuery;
  if (persisted === undefined || persisted === null) return;
  if (typeof persisted !== "object" || Array.isArray(persisted)) {
    throw persistedQueryError("extensions.persistedQuery", "extensions.persistedQuery must be an object { version: 1, sha256Hash }.");
  }
  const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1) {
    const given = version === undefined ? "missing" : `${JSON.stringify(version)}`;
    throw persistedQueryError("extensions.persistedQuery.version", `extensions.persistedQuery.version is ${given}; the only version supported is 1.`);
  }
  // Lower case, as Apollo compares it.
  if (typeof sha256Hash !== "string" || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    throw persistedQueryError(
      "extensions.persistedQuery.sha256Hash",
      "extensions.persistedQuery.sha256Hash must be a SHA-256 written as 64 lower-case hexadecimal digits.",
    );
  }
  if (typeof query === "string") {
    const actual = createHash("sha256").update(query).digest("hex");
    if (sha256Hash !== actual) {
      throw persistedQueryError(
        "extensions.persistedQuery.sha256Hash",
        `extensions.persistedQuery.sha256Hash is ${sha256Hash}, but the SHA-256 of the query sent is ${actual}; send the hash of the query's exact text.`,
      );
    }
  }
}
