// The seed's generated dataset passes every record validator: what the seed writes is what a steward could
// have written through the API or the import.
import { generateDataset } from "../../src/seed";
import { seedInputs } from "../../src/seed/inputs";
import { memoryLookup, type Problem, type RecordInputs, type RecordKindName, validateRecords } from "../../src/domain/records";

const d = generateDataset();
const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const boards = byId(d.boards);
const evaluationOf = new Map(d.evaluations.map((e) => [e.reviewId, e]));

const lookup = memoryLookup({
  regions: d.regions,
  boards: d.boards.map((b) => ({ id: b.id, code: b.code, inForceFrom: b.inForceFrom, inForceTo: b.inForceTo, withdrawn: false })),
  reviews: d.reviews.map((r) => {
    const e = evaluationOf.get(r.id);
    return {
      id: r.id,
      reference: r.reference,
      leadBoardCode: boards.get(r.leadBoardId)!.code,
      initiatedOn: r.initiatedOn,
      completedOn: r.completedOn,
      withdrawn: false,
      evaluation: e ? { id: e.id, receivedOn: e.receivedOn } : null,
    };
  }),
  incidents: d.incidents.map((i) => ({ id: i.id, reference: i.reference, withdrawn: false })),
  authors: d.authors.map((a) => ({ id: a.id, reference: a.reference, withdrawn: false })),
});

const inputs = seedInputs(d);

test.each(Object.keys(inputs) as RecordKindName[])("every seeded %s passes its validator", async (kind) => {
  const { inputs: rows, ids } = inputs[kind] as { inputs: RecordInputs[typeof kind][]; ids: number[] };
  expect(rows.length).toBeGreaterThan(0);
  const problems = await validateRecords(lookup, kind, rows, ids);
  const failing = problems.flatMap((list: Problem[], i) => (list.length > 0 ? [{ row: rows[i], list }] : []));
  expect(failing.slice(0, 3)).toEqual([]);
});

test("the seed test can fail: a seeded incident moved before it happened is refused", async () => {
  const first = { ...inputs.incident.inputs[0]!, notifiedOn: "1999-01-01" };
  const [problems] = await validateRecords(lookup, "incident", [first]);
  expect(problems!.map((p) => [p.path, p.code])).toEqual(expect.arrayContaining([[["notifiedOn"], "DATE_ORDER"]]));
});
