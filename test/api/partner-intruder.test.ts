// An intruder with a research partner's key, through the real HTTP server. It learns the partner's schema
// by introspection, as an attacker would, and then asks every question that schema lets it ask: every root
// field, with every argument and every input field (every filter, ordering and list), each set alone to each
// value from a pool, selecting every field it can reach. It asks each question of two databases:
//
//   A: the hand-worked query fixture (test/helpers/query-fixture.ts);
//   B: the same, with every case-level fact a partner must not learn changed, and every published figure kept:
//      incident, review and author references renamed; ages, methodologies, criteria, free text and names
//      changed; dates of occurrence and notification moved within their financial year; review-source
//      findings recategorised; and extra incidents, a review and an author from before any board was in force
//      (so every table holds a different number of rows).
//
// and, the same way, the seed against the seed with its references, free text, names and dates of occurrence
// changed and the same rows from before any board was in force added.
//
// If any answer differs between A and B, the partner's surface can tell them apart, so it can learn a case
// attribute or count a table: the test fails and names the question. The analyst, asking about cases, must
// see the difference (or the fixtures would prove nothing).
import { buildClientSchema, getIntrospectionQuery, getNamedType, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLOutputType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { LIMITS } from "../../src/limits";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type GraphQLResponse, type TestServer } from "../helpers/server";

let a: TestServer;
let b: TestServer;
let schema: GraphQLSchema;

/** Rows no partner-visible figure counts: no board was in force in 2003. */
async function addRowsFrom2003(t: TestServer): Promise<void> {
  const db = t.database.db;
  const board = await db.board.findFirstOrThrow({ where: { code: "E06000001" } });
  const review = await db.review.create({
    data: {
      reference: "OLD-1",
      leadBoardId: board.id,
      initiatedOn: "2003-06-01",
      completedOn: "2003-09-01",
      criteria: "DEATH_ABUSE_NEGLECT",
      methodology: "OTHER",
      guidanceEdition: "WT2006",
      synthetic: true,
    },
  });
  await db.incident.createMany({
    data: [1, 2].map((n) => ({
      reference: `OLD-I${n}`,
      boardId: board.id,
      occurredOn: "2003-05-01",
      notifiedOn: "2003-05-02",
      nature: "DEATH" as const,
      abuseOrNeglectSuspected: true,
      childAgeBand: "UNDER_1" as const,
      decision: "SCR_INITIATED" as const,
      decisionOn: "2003-06-01",
      reviewId: review.id,
      synthetic: true,
    })),
  });
  await db.author.create({ data: { reference: "OLD-AU", displayName: "Nobody", background: "LEGAL", independent: true } });
}

/** The seed with every reference, free text, name and date of occurrence changed, in a few statements. */
async function perturbSeed(t: TestServer): Promise<void> {
  const db = t.database.db;
  for (const statement of [
    `UPDATE "Incident" SET "reference" = 'B-' || "reference", "occurredOn" = "notifiedOn"`,
    `UPDATE "Incident" SET "decisionRationale" = 'Changed: ' || "decisionRationale" WHERE "decisionRationale" IS NOT NULL`,
    `UPDATE "Review" SET "reference" = 'B-' || "reference"`,
    `UPDATE "Author" SET "reference" = 'B-' || "reference", "displayName" = 'Changed ' || "displayName"`,
    `UPDATE "Finding" SET "summary" = 'Changed'`,
  ]) {
    await db.$executeRawUnsafe(statement);
  }
  await addRowsFrom2003(t);
}

/** B: the fixture with every case-level fact changed and every published figure kept. */
async function perturb(t: TestServer): Promise<void> {
  const db = t.database.db;
  const bands = ["AGE_16_TO_17", "AGE_10_TO_15", "AGE_5_TO_9", "AGE_1_TO_4", "UNDER_1"] as const;
  const incidents = await db.incident.findMany({ orderBy: { id: "asc" } });
  for (const [i, incident] of incidents.entries()) {
    // Moved by a day inside the same financial year (I2, notified on 31 March, moves back).
    const shift = incident.notifiedOn.endsWith("-03-31") ? -1 : 1;
    const day = (iso: string, by: number) => new Date(Date.parse(iso) + by * 86_400_000).toISOString().slice(0, 10);
    await db.incident.update({
      where: { id: incident.id },
      data: {
        reference: `SCR-B-${100 - i}`,
        childAgeBand: bands[i % bands.length],
        occurredOn: day(incident.occurredOn, shift - 1),
        notifiedOn: day(incident.notifiedOn, shift),
        decisionRationale: incident.decisionRationale === null ? null : `Another reason ${i}`,
      },
    });
  }
  const reviews = await db.review.findMany({ orderBy: { id: "asc" } });
  for (const [i, review] of reviews.entries()) {
    await db.review.update({
      where: { id: review.id },
      data: { reference: `REV-B-${50 - i}`, methodology: i % 2 ? "SILP" : "OTHER", criteria: "INTERAGENCY_CONCERN" },
    });
  }
  await db.finding.updateMany({ where: { source: "REVIEW" }, data: { category: "EFFECTIVE_ASSESSMENT" } });
  await db.finding.updateMany({ data: { summary: "different words" } });
  const authors = await db.author.findMany({ orderBy: { id: "asc" } });
  for (const [i, author] of authors.entries()) {
    await db.author.update({ where: { id: author.id }, data: { reference: `W-${9 - i}`, displayName: `Someone else ${i}` } });
  }
  await addRowsFrom2003(t);
}

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer({ seeded: false }), startTestServer({ seeded: false })]);
  await Promise.all([insertQueryFixture(a.database.db), insertQueryFixture(b.database.db)]);
  await perturb(b);
  const r = await a.query<IntrospectionQuery, Record<string, never>>(getIntrospectionQuery(), {}, { key: a.keys.PARTNER });
  expect(r.errors).toBeUndefined();
  schema = buildClientSchema(r.data!);
});
afterAll(() => Promise.all([a.close(), b.close()]));

// ---- Values the intruder tries ---------------------------------------------------------------------------

const NODE_TYPES = ["Region", "Board", "Incident", "Review", "Evaluation", "Finding", "Author", "Competency", "ApiKey", "AuditEvent"];
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
/** Every id of every type up to 14: the fixture's tables hold 3 to 11 rows, B's one or two more. */
const IDS = NODE_TYPES.flatMap((type) => Array.from({ length: 14 }, (_, i) => globalId(type, i + 1)));

/** Case references of A and of B (an oracle on a case field would answer them differently), and published names. */
const STRINGS = ["I1", "SCR-B-100", "AU-1", "E06000001", "North East", "_"];
const FINANCIAL_YEARS = ["2003-04", "2006-07", "2007-08", "2008-09"];

/** An enum value, written bare in a document. */
class EnumValue {
  constructor(readonly name: string) {}
}

/** A few values for an input of this type, by the input's name where the name says its format. */
function valuesFor(type: GraphQLInputType, name: string): unknown[] {
  if (isNonNullType(type)) return valuesFor(type.ofType, name);
  if (isListType(type)) return valuesFor(type.ofType, name).map((v) => [v]);
  if (isEnumType(type)) return type.getValues().map((v) => new EnumValue(v.name));
  if (isInputObjectType(type)) return [];
  switch (type.name) {
    case "Boolean":
      return [true, false];
    case "Float":
      return [0, 0.5, 2];
    case "Int":
      return name === "year" || name === "calendarYear" ? [2003, 2007] : name === "first" || name === "last" ? [1, 5] : [0, 1, 2007];
    case "Date":
      return ["2003-05-02", "2007-04-02", "2008-03-31"];
    case "ID":
      return [globalId("Incident", 1), globalId("Board", 1)];
    default:
      if (name === "financialYear") return FINANCIAL_YEARS;
      if (name === "month") return ["2003-05", "2007-11"];
      if (name === "quarter") return ["2003-Q2", "2007-Q4"];
      if (name === "after" || name === "before") return [];
      return STRINGS;
  }
}

const COMBINATORS = new Set(["AND", "OR", "NOT"]);

/**
 * Values for the required fields of an input (a figure filter's period and metric), so that a variant setting
 * one other field is a whole input the server answers, not one that validation refuses.
 */
function requiredFields(type: GraphQLInputObjectType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of Object.values(type.getFields())) {
    if (!isNonNullType(f.type) || f.defaultValue !== undefined) continue;
    out[f.name] = getNamedType(f.type).name === "PeriodInput" ? { financialYear: "2007-08" } : valuesFor(f.type, f.name)[0];
  }
  return out;
}

/**
 * A figure condition or sort key works the same under every parent of one kind (a board's `stats` under
 * `boards`, under a region's `boards: { some }` …): each of its values is tried once per kind of parent
 * (BoardWhere, RegionWhere, BoardOrder, RegionOrder), which keeps the question count in bounds.
 */
const FIGURE_INPUTS = new Set(["StatsFigureFilter", "StatsFigureSortKey"]);
let figureVariantsTried = new Set<string>();

/** One argument value per input leaf and value: each leaf set alone, nested inputs reached through their parents. */
function inputVariants(type: GraphQLInputType, name: string, depth: number, seen: string[], parent = ""): unknown[] {
  const named = getNamedType(type);
  const wrap = (v: unknown) => (isListType(isNonNullType(type) ? type.ofType : type) ? [v] : v);
  if (!isInputObjectType(named)) return valuesFor(type, name);
  if (depth === 0 || seen.includes(named.name)) return [];
  const variants: unknown[] = [];
  const fields = Object.values(named.getFields());
  for (const field of fields) {
    if (COMBINATORS.has(field.name)) continue;
    for (const value of inputVariants(field.type, field.name, depth - 1, [...seen, named.name], named.name)) {
      if (FIGURE_INPUTS.has(named.name)) {
        const key = `${parent}.${named.name}.${field.name}: ${literal(value)}`;
        if (figureVariantsTried.has(key)) continue;
        figureVariantsTried.add(key);
      }
      variants.push(wrap({ ...requiredFields(named), [field.name]: value }));
    }
  }
  // AND, OR and NOT combine conditions of the same type: a few of them, combined, are enough to try each.
  const simple = variants.filter((_, i) => i % 7 === 0).slice(0, 3);
  for (const field of fields) {
    if (!COMBINATORS.has(field.name)) continue;
    const inner = simple.map((v) => (Array.isArray(v) ? v[0] : v));
    variants.push(
      ...(isListType(isNonNullType(field.type) ? field.type.ofType : field.type) ? [inner] : inner).map((v) => wrap({ [field.name]: v })),
    );
  }
  return variants;
}

/** Input fields and enum values the variants reached, to prove the intruder left none untried. */
function reachedInputs(value: unknown, type: GraphQLInputType, into: Set<string>): void {
  const named = getNamedType(type);
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) return value.forEach((v) => reachedInputs(v, named, into));
  if (isEnumType(named) && value instanceof EnumValue) into.add(`${named.name}.${value.name}`);
  if (!isInputObjectType(named)) return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    into.add(`${named.name}.${key}`);
    reachedInputs(v, named.getFields()[key]!.type, into);
  }
}

// ---- Documents -------------------------------------------------------------------------------------------

const literal = (value: unknown): string => {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object")
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(", ")} }`;
  return JSON.stringify(value);
};

/** The arguments every field needs, and a small page for every list. */
function defaultArgs(args: readonly GraphQLArgument[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg.name === "first") values.first = 5;
    else if (arg.name === "period") values.period = { financialYear: "2007-08" };
    else if (arg.name === "year") values.year = 2007;
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) values[arg.name] = valuesFor(arg.type, arg.name)[0];
  }
  return values;
}

const argumentList = (values: Record<string, unknown>) => {
  const entries = Object.entries(values);
  return entries.length === 0 ? "" : `(${entries.map(([k, v]) => `${k}: ${literal(v)}`).join(", ")})`;
};

/**
 * Object fields every selection follows: the list's items, and the figures (a light selection stops elsewhere):
 * a grouping's groups and their counts, a variation's units and extremes.
 */
const ALWAYS_FOLLOWED = new Set(["edges", "node", "nodes", "pageInfo", "aggregates", "childPopulation", "groups", "count", "units", "min", "max"]);

/**
 * Every field reachable from a type, each type at most once on a path (so the query ends and fits the budget);
 * a light selection takes the leaves and the list's items, which is what a filter or an order changes (the
 * figures are taken whole where the period changes, and in each root field's first question).
 */
function selectAll(type: GraphQLOutputType, path: string[], light = false): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  if (!isObjectType(named) && !isInterfaceType(named)) return "{ __typename }";
  const parts = ["__typename"];
  for (const field of Object.values(named.getFields()) as GraphQLField<unknown, unknown>[]) {
    const inner = getNamedType(field.type);
    if (!isLeafType(inner) && path.includes(inner.name)) continue;
    if (light && !isLeafType(inner) && !ALWAYS_FOLLOWED.has(field.name)) continue;
    parts.push(`${field.name}${argumentList(defaultArgs(field.args))} ${selectAll(field.type, [...path, named.name], light)}`.trim());
  }
  if (isInterfaceType(named)) {
    for (const possible of schema.getPossibleTypes(named)) parts.push(`... on ${possible.name} ${selectAll(possible, [...path, named.name], light)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

interface Question {
  name: string;
  document: string;
}

/** Every question: each root field with its required arguments alone, then with each argument variant. */
function questions(): { list: Question[]; reached: Set<string> } {
  figureVariantsTried = new Set();
  const list: Question[] = [];
  const reached = new Set<string>();
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const base = defaultArgs(field.args);
    const ask = (name: string, values: Record<string, unknown>, light = true) =>
      list.push({ name, document: `{ ${field.name}${argumentList(values)} ${selectAll(field.type, ["Query"], light)} }` });
    ask(field.name, base, false);
    for (const arg of field.args) {
      let variants: unknown[] = inputVariants(arg.type, arg.name, 4, []);
      if (arg.name === "id") variants = IDS;
      if (arg.name === "ids") variants = [IDS.slice(0, 70), IDS.slice(70)];
      if (arg.name === "code") variants = ["E06000001", "E06000004", "E06000009", "E12000001", "E12000007", "E12000009", "I1"];
      if (arg.name === "period") {
        variants = [
          ...FINANCIAL_YEARS.map((financialYear) => ({ financialYear })),
          { from: "2007-04-01", to: "2008-03-31" },
          { from: "2007-04-01", to: "2008-03-30" },
        ];
      }
      for (const value of variants) {
        reachedInputs(value, arg.type, reached);
        ask(`${field.name}(${arg.name}: ${literal(value)})`, { ...base, [arg.name]: value }, arg.name !== "period");
      }
    }
  }
  return { list, reached };
}

/** A response with what legitimately differs from one request to the next (request ids) taken out. */
function comparable(r: GraphQLResponse<unknown>): unknown {
  return { status: r.status, data: r.data, errors: r.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } })) };
}

/** The response as compared: the asking key's own prefix (which `viewer` shows) is not about the data. */
const asCompared = (t: TestServer, r: GraphQLResponse<unknown>) => JSON.stringify(comparable(r)).replaceAll(t.keys.PARTNER.split("_")[1]!, "<key>");

test("the intruder's questions reach every input field and enum value of the partner's schema", () => {
  const { list, reached } = questions();
  const expected = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isInputObjectType(type)) for (const f of Object.keys(type.getFields())) expected.add(`${type.name}.${f}`);
  }
  // Enum values used as inputs: every value of every enum some input or argument takes.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type)) continue;
    for (const f of Object.values(type.getFields())) {
      const named = getNamedType(f.type);
      if (isEnumType(named)) for (const v of named.getValues()) expected.add(`${named.name}.${v.name}`);
    }
  }
  console.log(`${list.length} questions`);
  expect([...expected].filter((e) => !reached.has(e))).toEqual([]);
  expect(list.length).toBeGreaterThan(300);
});

/** Asks every question of both servers with their partner keys: the questions whose answers differ. */
async function askBoth(list: Question[], x: TestServer, y: TestServer): Promise<{ differing: string[]; answered: number }> {
  const differing: string[] = [];
  let answered = 0;
  // As many at once as one key may have in flight (LIMITS.concurrentRequests), so none is refused for that.
  for (let i = 0; i < list.length; i += LIMITS.concurrentRequests) {
    await Promise.all(
      list.slice(i, i + LIMITS.concurrentRequests).map(async (q) => {
        const [rx, ry] = await Promise.all([x.query(q.document, {}, { key: x.keys.PARTNER }), y.query(q.document, {}, { key: y.keys.PARTNER })]);
        if (rx.status === 200 && rx.data) answered++;
        if (asCompared(x, rx) !== asCompared(y, ry)) differing.push(q.name);
      }),
    );
  }
  return { differing, answered };
}

test("no question a partner can ask tells the two databases apart", async () => {
  const { list } = questions();
  const { differing, answered } = await askBoth(list, a, b);
  expect(differing).toEqual([]);
  // Most questions are answered, not refused: the comparison is of real answers.
  expect(answered).toBeGreaterThan(list.length * 0.8);
}, 600_000);

describe("on the seed", () => {
  let sa: TestServer;
  let sb: TestServer;
  beforeAll(async () => {
    [sa, sb] = await Promise.all([startTestServer({ seeded: true }), startTestServer({ seeded: true })]);
    await perturbSeed(sb);
  });
  afterAll(() => Promise.all([sa.close(), sb.close()]));

  test("an analyst tells the two seeded databases apart", async () => {
    const q = `{ incidents(first: 3) { edges { node { reference } } } }`;
    const [x, y] = await Promise.all([sa.query(q, {}, { key: sa.keys.ANALYST }), sb.query(q, {}, { key: sb.keys.ANALYST })]);
    expect(JSON.stringify(x.data)).not.toEqual(JSON.stringify(y.data));
  });

  test("no question a partner can ask tells them apart (every root field, every period, one in three other questions)", async () => {
    const { list } = questions();
    const sample = list.filter((q, i) => !q.name.includes("(") || q.name.includes("(period:") || i % 3 === 0);
    const { differing, answered } = await askBoth(sample, sa, sb);
    expect(differing).toEqual([]);
    expect(answered).toBeGreaterThan(sample.length * 0.8);
  }, 600_000);
});

test("an analyst asking about cases does tell them apart (so the databases really differ where a partner must not see)", async () => {
  const ask = (t: TestServer, q: string) => t.query(q, {}, { key: t.keys.ANALYST }).then(comparable).then(JSON.stringify);
  for (const q of [
    `{ incidents(first: 20) { totalCount edges { node { reference childAgeBand notifiedOn } } } }`,
    `{ boards(where: { incidents: { some: { reference: { startsWith: "I1" } } } }) { totalCount } }`,
    `{ authors(first: 20) { totalCount edges { node { reference } } } }`,
    `{ node(id: "${globalId("Incident", 10)}") { id } }`,
  ]) {
    expect([q, await ask(a, q)]).not.toEqual([q, await ask(b, q)]);
  }
});

test("a partner's figures are the same real figures on both databases (the perturbation kept every published one)", async () => {
  const q = `{ nationalStats(period: { financialYear: "2007-08" }) { deaths { value status } qualifyingDeaths { value status } reviewsInitiated { value status } } }`;
  const ra = await a.query<{ nationalStats: Record<string, { value: number | null; status: string }> }, Record<string, never>>(
    q,
    {},
    { key: a.keys.ANALYST },
  );
  const rb = await b.query(q, {}, { key: b.keys.ANALYST });
  expect(rb.data).toEqual(ra.data);
  // Six deaths notified in 2007-08 (I1, I2, I4, I5, I7, I9), five of them qualifying (not I4); five reviews
  // initiated (RV1 to RV4, RV6).
  expect(ra.data!.nationalStats).toEqual({
    deaths: { value: 6, status: "OK" },
    qualifyingDeaths: { value: 5, status: "OK" },
    reviewsInitiated: { value: 5, status: "OK" },
  });
});
