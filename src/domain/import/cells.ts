// CSV cells are text; the record validators (src/domain/records/) take values typed as the API's inputs are
// (booleans, whole numbers, lists). This turns a cell into that type when it is written as one, and otherwise
// leaves the text as it is, so the validator, not a second copy of its rule here, says what is wrong with it.
// JSON Lines values arrive typed and pass through unchanged.

export type CellType = "text" | "boolean" | "integer" | "list" | "json";

/** Items of a list cell are separated by semicolons: `SIN-2007-00001;SIN-2007-00002`. */
export const LIST_SEPARATOR = ";";

export function typedCell(value: unknown, type: CellType): unknown {
  if (typeof value !== "string") return value;
  switch (type) {
    case "text":
      return value;
    case "boolean": {
      const lower = value.toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : value;
    }
    case "integer":
      return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
    case "json":
      // A structured value in one cell (a review's agencies): JSON text, e.g. [{"agency":"POLICE",…}].
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    case "list":
      return value
        .split(LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter((item) => item !== "");
  }
}
