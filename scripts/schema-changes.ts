// The rules of the schema change check (scripts/check-schema-changes.ts runs them on the committed files):
//
// - A breaking change against the last release's schema (schema/released/) is allowed only when CHANGELOG.md
//   lists it: a list item under a heading that starts with its date (`## 2026-12-01 …`), holding the word
//   BREAKING and the change's path in backticks, e.g. "- BREAKING `Board.code`: now a String; use …".
// - Every deprecation says when and what to use instead: "YYYY-MM-DD: use `replacement` …".
//
// Breaking, dangerous and safe are @graphql-inspector/core's judgements.
import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from "graphql";

export interface ChangelogEntry {
  date: string;
  /** The paths named in backticks in the item. */
  paths: string[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The BREAKING items of CHANGELOG.md, each with the date of the heading it is under (items under no dated heading are not counted). */
export function breakingEntries(changelog: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  let date: string | null = null;
  for (const line of changelog.split("\n")) {
    const heading = /^#{2,3}\s+(\S+)/.exec(line);
    if (heading) {
      date = isIsoDate(heading[1]!) ? heading[1]! : null;
      continue;
    }
    if (date === null || !/^\s*[-*]\s/.test(line) || !/\bBREAKING\b/.test(line)) continue;
    entries.push({ date, paths: [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) });
  }
  return entries;
}

export interface SchemaCheck {
  /** Breaking changes the changelog does not list: what fails the check. */
  unlisted: Change[];
  /** Breaking changes the changelog lists. */
  listed: Change[];
  /** Deprecations without a date and a replacement. */
  badDeprecations: string[];
}

/** The path a changelog names for a change: its coordinate without directive or argument suffixes beyond the field. */
function pathOf(change: Change): string {
  return change.path ?? change.message;
}

export async function checkSchemaChanges(released: GraphQLSchema, current: GraphQLSchema, changelog: string): Promise<SchemaCheck> {
  const changes = await diff(released, current);
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const entries = breakingEntries(changelog);
  const isListed = (change: Change) => entries.some((e) => e.paths.includes(pathOf(change)));
  return {
    unlisted: breaking.filter((c) => !isListed(c)),
    listed: breaking.filter(isListed),
    badDeprecations: badDeprecations(current),
  };
}

/** "YYYY-MM-DD: use `replacement` …", with a real date. */
export const DEPRECATION_REASON = /^(\d{4}-\d{2}-\d{2}): use `[^`]+`/;

function deprecationProblem(coordinate: string, reason: string | null | undefined): string | null {
  if (reason === null || reason === undefined) return null;
  const m = DEPRECATION_REASON.exec(reason);
  if (m && isIsoDate(m[1]!)) return null;
  return `${coordinate} is deprecated with "${reason}"; write "YYYY-MM-DD: use \`replacement\` …" (the date it was deprecated, what to use instead)`;
}

/** Every deprecated field, argument, input field and enum value whose reason lacks a date and a replacement. */
export function badDeprecations(schema: GraphQLSchema): string[] {
  const problems: (string | null)[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        problems.push(deprecationProblem(`${type.name}.${field.name}`, field.deprecationReason));
        for (const arg of field.args) problems.push(deprecationProblem(`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason));
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) problems.push(deprecationProblem(`${type.name}.${field.name}`, field.deprecationReason));
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) problems.push(deprecationProblem(`${type.name}.${value.name}`, value.deprecationReason));
    }
  }
  return problems.filter((p): p is string => p !== null);
}
