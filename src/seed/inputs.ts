// The generated dataset in the terms a steward writes it (src/domain/records: board codes and references, not
// ids): what the seed's history records as each record's creation, and what the records test validates.
import type { RecordInputs, RecordKindName } from "../domain/records";
import type { Dataset } from "./dataset";

/** Every kind's inputs, with the id of the row each one describes (same order). */
export type SeedInputs = { [K in RecordKindName]: { inputs: RecordInputs[K][]; ids: number[] } };

const byId = <T extends { id: number }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

function get<T>(map: Map<number, T>, id: number, what: string): T {
  const found = map.get(id);
  if (found === undefined) throw new Error(`seed: ${what} ${id} is not in the dataset`);
  return found;
}

export function seedInputs(d: Dataset): SeedInputs {
  const regions = byId(d.regions);
  const boards = byId(d.boards);
  const reviews = byId(d.reviews);
  const authors = byId(d.authors);
  const boardCode = (id: number) => get(boards, id, "board").code;
  const reviewReference = (id: number) => get(reviews, id, "review").reference;
  const authorReference = (id: number) => get(authors, id, "author").reference;
  const agencies = new Map<number, RecordInputs["review"]["agencies"] & object>();
  for (const { reviewId, agency, cooperated, managementReviewSubmitted } of d.reviewAgencies) {
    const list = agencies.get(reviewId) ?? [];
    list.push({ agency, cooperated, managementReviewSubmitted });
    agencies.set(reviewId, list);
  }
  const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id);
  return {
    board: {
      inputs: d.boards.map((b) => ({
        code: b.code,
        dfeCode: b.dfeCode,
        name: b.name,
        regionCode: get(regions, b.regionId, "region").code,
        inForceFrom: b.inForceFrom,
        inForceTo: b.inForceTo,
      })),
      ids: ids(d.boards),
    },
    population: {
      inputs: d.childPopulations.map((p) => ({
        boardCode: boardCode(p.boardId),
        year: p.year,
        children: p.children,
        approximate: p.approximate,
        source: p.source,
      })),
      ids: ids(d.childPopulations),
    },
    incident: {
      inputs: d.incidents.map((i) => ({
        reference: i.reference,
        boardCode: boardCode(i.boardId),
        occurredOn: i.occurredOn,
        notifiedOn: i.notifiedOn,
        nature: i.nature,
        abuseOrNeglectSuspected: i.abuseOrNeglectSuspected,
        childAgeBand: i.childAgeBand,
        decision: i.decision,
        decisionOn: i.decisionOn,
        decisionRationale: i.decisionRationale,
        reviewReference: i.reviewId === null ? null : reviewReference(i.reviewId),
      })),
      ids: ids(d.incidents),
    },
    review: {
      inputs: d.reviews.map((r) => ({
        reference: r.reference,
        leadBoardCode: boardCode(r.leadBoardId),
        initiatedOn: r.initiatedOn,
        completedOn: r.completedOn,
        criteria: r.criteria,
        methodology: r.methodology,
        guidanceEdition: r.guidanceEdition,
        agencies: agencies.get(r.id) ?? [],
      })),
      ids: ids(d.reviews),
    },
    evaluation: {
      inputs: d.evaluations.map((e) => ({
        reviewReference: reviewReference(e.reviewId),
        inspectorate: e.inspectorate,
        receivedOn: e.receivedOn,
        evaluatedOn: e.evaluatedOn,
        grade: e.grade,
      })),
      ids: ids(d.evaluations),
    },
    finding: {
      inputs: d.findings.map((f) => ({ reviewReference: reviewReference(f.reviewId), source: f.source, category: f.category, summary: f.summary })),
      ids: ids(d.findings),
    },
    author: {
      inputs: d.authors.map((a) => ({ reference: a.reference, displayName: a.displayName, background: a.background, independent: a.independent })),
      ids: ids(d.authors),
    },
    competency: {
      inputs: d.competencies.map((c) => ({
        authorReference: authorReference(c.authorId),
        area: c.area,
        level: c.level,
        years: c.years,
        attainedOn: c.attainedOn,
        expiresOn: c.expiresOn,
      })),
      ids: ids(d.competencies),
    },
    authorship: {
      inputs: d.authorships.map((a) => ({
        reviewReference: reviewReference(a.reviewId),
        authorReference: authorReference(a.authorId),
        role: a.role,
      })),
      ids: ids(d.authorships),
    },
  };
}
