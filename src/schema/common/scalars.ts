import { GraphQLError } from "graphql";
import { builder } from "../builder";
import { isIsoDate } from "../../domain/dates";

builder.scalarType("Date", {
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

builder.scalarType("DateTime", {
  description: "An instant, written as an ISO 8601 timestamp in UTC, e.g. 2008-07-15T09:30:00.000Z.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: (value) => {
    const parsed = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      throw new GraphQLError(`'${String(value)}' is not a timestamp; write it as ISO 8601, e.g. 2008-07-15T09:30:00Z`, {
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    return parsed;
  },
});
