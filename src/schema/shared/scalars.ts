import { GraphQLError } from "graphql";
import { builder } from "../builder";
import { isIsoDate } from "../../domain/dates";

export const DateScalar = builder.scalarType("Date", {
  description: "A calendar date, written YYYY-MM-DD (ISO 8601), with no time or time zone.",
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== "string" || !isIsoDate(value)) {
      throw new GraphQLError(`'${String(value)}' is not a date; write a real calendar date as YYYY-MM-DD`, {
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    return value;
  },
});
