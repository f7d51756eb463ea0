// No module under src/ may reach itself through its imports. A circle makes load order decide what is defined
// (a registry filled as a side effect of importing, a value undefined while its module is still loading), so
// every arrow must point one way.
import { cycles, importGraph, importsOf } from "../helpers/import-graph";

describe("import cycles", () => {
  it("the detector finds a two-module circle, a longer one and a self-import, and nothing in a chain", () => {
    expect(
      importsOf(
        'import type { A } from "./a";\nimport { b } from "../b";\nexport { c } from "./c";\nimport d = require("./d");\nconst e = () => import("./e");',
      ),
    ).toEqual(["./a", "../b", "./c", "./d"]);
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["a"]],
      ["c", ["d"]],
      ["d", ["e"]],
      ["e", ["c", "f"]],
      ["f", []],
      ["g", ["g"]],
      ["h", ["f"]],
    ]);
    expect(cycles(graph).sort()).toEqual([["a", "b"], ["c", "d", "e"], ["g"]]);
  });

  it("no module under src/ imports itself, directly or through others", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph)).toEqual([]);
  });
});
