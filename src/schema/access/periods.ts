// Roles limited to one financial year at a time (src/domain/roles.ts: a research partner) ask about one period
// each. Suppression makes each period's table safe on its
// own; two overlapping periods could be subtracted from each other (1 April to 31 March, less 1 April to
// 30 March, is the 31st of March alone), recovering what each withheld. Checked on the whole operation before
// anything runs, wherever a PeriodInput appears (an argument, or a field of an input object).
import {
  type DocumentNode,
  getArgumentValues,
  getNamedType,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  type OperationDefinitionNode,
} from "graphql";
import type { Role } from "../../generated/sqlite/enums";
import { financialYearOf, PeriodError, resolvePeriod, type PeriodInput } from "../../domain/dates";
import { rolesThat } from "../../domain/roles";
import { clientError } from "../../errors";
import { forbiddenMessage } from "./roles";
import { eachField } from "../common/operation";

const PERIOD_INPUT = "PeriodInput";

/** True when the period is exactly one UK financial year (1 April to 31 March). */
export function isOneFinancialYear(input: PeriodInput): boolean {
  let period;
  try {
    period = resolvePeriod(input);
  } catch (error) {
    if (error instanceof PeriodError) return true; // a bad period is refused by its resolver, with its reason
    throw error;
  }
  const year = financialYearOf(period.from);
  return period.from === `${year.slice(0, 4)}-04-01` && period.to === `${Number(year.slice(0, 4)) + 1}-03-31`;
}

function periodsIn(value: unknown, type: GraphQLInputType, found: PeriodInput[]): void {
  if (value == null) return;
  if (isNonNullType(type)) return periodsIn(value, type.ofType, found);
  if (isListType(type)) {
    for (const item of value as unknown[]) periodsIn(item, type.ofType, found);
    return;
  }
  if (!isInputObjectType(type)) return;
  if (type.name === PERIOD_INPUT) {
    found.push(value as PeriodInput);
    return;
  }
  for (const [name, field] of Object.entries(type.getFields())) periodsIn((value as Record<string, unknown>)[name], field.type, found);
}

/** Refuses any period that is not one financial year; the server calls it for the roles it applies to. */
export function checkOneFinancialYear(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  role: Role,
): void {
  const periods: PeriodInput[] = [];
  eachField(schema, document, operation, (field, node) => {
    if (!field.args.some((a) => isInputObjectType(getNamedType(a.type)))) return;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, variables);
    } catch {
      return; // bad arguments are reported by execution, with their reason
    }
    for (const arg of field.args) periodsIn(values[arg.name], arg.type, periods);
  });
  if (periods.every(isOneFinancialYear)) return;
  const roles = rolesThat((c) => c.periods === "any");
  throw clientError(
    "FORBIDDEN",
    forbiddenMessage(
      'A period other than one financial year (research partners ask for one at a time, e.g. period: { financialYear: "2007-08" }, so that overlapping periods cannot be subtracted from each other)',
      roles,
      role,
    ),
    { requiredRoles: roles },
  );
}
