// Measuring documents and naming roles, on hand-written examples.
import { parse } from "graphql";
import { measureDocument } from "../../src/http/query-limits";
import { isOneFinancialYear } from "../../src/schema/access/periods";
import { forbiddenMessage, rolesSentence, rolesThatPass } from "../../src/schema/access/roles";

describe("measureDocument", () => {
  test("depth is the deepest chain of fields; aliases and directives are counted as executed", () => {
    const doc = parse(`
      query Q($skip: Boolean! @deprecated) @live {
        a: regions { edges { node { ...R } } }
        b: viewer { role @skip(if: $skip) }
      }
      fragment R on Region { code @include(if: true) boards { edges { node { x: code y: name } } } }
    `);
    // regions > edges > node > boards > edges > node > code: 7.
    // Aliases: a, b, and x, y in the fragment spread once: 4. Directives: @deprecated, @live, @skip, @include: 4.
    expect(measureDocument(doc)).toEqual({ depth: 7, aliases: 4, directives: 4 });
  });

  test("a fragment spread twice counts its aliases twice, and is measured once", () => {
    const doc = parse(`{ viewer { ...F ...F } } fragment F on Viewer { a: role b: label }`);
    expect(measureDocument(doc).aliases).toBe(4);
  });

  test("a cycle of fragments is refused by name", () => {
    expect(() => measureDocument(parse(`{ viewer { ...A } } fragment A on Viewer { ...B } fragment B on Viewer { ...A }`))).toThrow(
      "Fragment A spreads itself, directly or through others; a query must end.",
    );
  });
});

describe("a research partner's periods", () => {
  test.each([
    [{ financialYear: "2007-08" }, true],
    [{ from: "2007-04-01", to: "2008-03-31" }, true],
    [{ from: "2007-04-01", to: "2009-03-31" }, false],
    [{ from: "2007-04-02", to: "2008-03-31" }, false],
    [{ from: "2008-01-01", to: "2008-12-31" }, false],
  ])("%j: one financial year is %s", (period, expected) => {
    expect(isOneFinancialYear(period)).toBe(expected);
  });
});

describe("naming roles", () => {
  test("least powerful first, joined as a sentence", () => {
    expect(rolesSentence(["ADMIN", "ANALYST", "STEWARD"])).toBe("ANALYST, STEWARD or ADMIN");
    expect(rolesSentence(["ADMIN"])).toBe("ADMIN");
  });

  test("the roles that pass: any of several scopes is a union, all of them an intersection", () => {
    expect(
      rolesThatPass({
        kind: "AnyAuthScopes",
        failures: [
          { kind: "AuthScope", scope: "admin" },
          { kind: "AuthScope", scope: "caseDetail" },
        ],
      }),
    ).toEqual(["ANALYST", "STEWARD", "ADMIN"]);
    expect(
      rolesThatPass({
        kind: "AllAuthScopes",
        failures: [
          { kind: "AuthScope", scope: "steward" },
          { kind: "AuthScope", scope: "caseDetail" },
        ],
      }),
    ).toEqual(["STEWARD", "ADMIN"]);
  });

  test("the message names the field, the roles and the caller's role", () => {
    expect(forbiddenMessage("Query.apiKeys", ["ADMIN"], "ANALYST")).toBe("Query.apiKeys needs the ADMIN role; this key's role is ANALYST.");
  });
});
