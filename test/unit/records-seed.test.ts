// The seed's generated dataset passes every record validator: what the seed writes is what a steward could
// have written through the API or the import.
import { generateDataset } from "../../src/seed";
import { memoryLookup, type Problem, type RecordInputs, type RecordKindName, validateRecords } from "../../src/domain/records";

const d = generateDataset();
const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const regions = byId(d.regions);
const boards = byId(d.boards);
const reviews = byId(d.reviews);
const authors = byId(d.authors);
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

const agenciesOf = (reviewId: number) =>
  d.reviewAgencies
    .filter((a) => a.reviewId === reviewId)
    .map(({ agency, cooperated, managementReviewSubmitted }) => ({ agency, cooperated, managementReviewSubmitted }));

const inputs: { [K in RecordKindName]: { inputs: RecordInputs[K][]; ids: number[] } } = {
  board: {
    inputs: d.boards.map((b) => ({
      code: b.code,
      dfeCode: b.dfeCode,
      name: b.name,
      regionCode: regions.get(b.regionId)!.code,
      inForceFrom: b.inForceFrom,
      inForceTo: b.inForceTo,
    })),
    ids: d.boards.map((b) => b.id),
  },
  population: {
    inputs: d.childPopulations.map((p) => ({
      boardCode: boards.get(p.boardId)!.code,
      year: p.year,
      children: p.children,
      approximate: p.approximate,
      source: p.source,
    })),
    ids: d.childPopulations.map((p) => p.id),
  },
  incident: {
    inputs: d.incidents.map((i) => ({
      reference: i.reference,
      boardCode: boards.get(i.boardId)!.code,
      occurredOn: i.occurredOn,
      notifiedOn: i.notifiedOn,
      nature: i.nature,
      abuseOrNeglectSuspected: i.abuseOrNeglectSuspected,
      childAgeBand: i.childAgeBand,
      decision: i.decision,
      decisionOn: i.decisionOn,
      decisionRationale: i.decisionRationale,
      reviewReference: i.reviewId === null ? null : reviews.get(i.reviewId)!.reference,
    })),
    ids: d.incidents.map((i) => i.id),
  },
  review: {
    inputs: d.reviews.map((r) => ({
      reference: r.reference,
      leadBoardCode: boards.get(r.leadBoardId)!.code,
      initiatedOn: r.initiatedOn,
      completedOn: r.completedOn,
      criteria: r.criteria,
      methodology: r.methodology,
      guidanceEdition: r.guidanceEdition,
      agencies: agenciesOf(r.id),
    })),
    ids: d.reviews.map((r) => r.id),
  },
  evaluation: {
    inputs: d.evaluations.map((e) => ({
      reviewReference: reviews.get(e.reviewId)!.reference,
      inspectorate: e.inspectorate,
      receivedOn: e.receivedOn,
      evaluatedOn: e.evaluatedOn,
      grade: e.grade,
    })),
    ids: d.evaluations.map((e) => e.id),
  },
  finding: {
    inputs: d.findings.map((f) => ({
      reviewReference: reviews.get(f.reviewId)!.reference,
      source: f.source,
      category: f.category,
      summary: f.summary,
    })),
    ids: d.findings.map((f) => f.id),
  },
  author: {
    inputs: d.authors.map((a) => ({ reference: a.reference, displayName: a.displayName, background: a.background, independent: a.independent })),
    ids: d.authors.map((a) => a.id),
  },
  competency: {
    inputs: d.competencies.map((c) => ({
      authorReference: authors.get(c.authorId)!.reference,
      area: c.area,
      level: c.level,
      years: c.years,
      attainedOn: c.attainedOn,
      expiresOn: c.expiresOn,
    })),
    ids: d.competencies.map((c) => c.id),
  },
  authorship: {
    inputs: d.authorships.map((a) => ({
      reviewReference: reviews.get(a.reviewId)!.reference,
      authorReference: authors.get(a.authorId)!.reference,
      role: a.role,
    })),
    ids: d.authorships.map((a) => a.id),
  },
};

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
