// How each kind of record is found by its natural key, read back as its input, and written: the one place
// that knows both the input's terms (board codes, references) and the tables' columns (ids).
import type { Db } from "../../db";
import { CURRENT } from "../withdrawal";
import type { Known } from "./lookup";
import type { RecordInputs, RecordKindName } from "./index";
import type { ReviewAgencyInput } from "./review";

/** A transaction (or the client): what a store reads and writes through. */
export type Tx = Omit<Db, "$transaction" | "$connect" | "$disconnect" | "$on" | "$extends">;

export interface Stored<I> {
  id: number;
  version: number;
  withdrawnAt: Date | null;
  input: I;
}

/** Withdrawal columns, and the version bump every change makes. */
export interface Withdrawal {
  withdrawnAt: Date;
  withdrawnReason: string;
  withdrawnBy: string;
}

export interface Store<I> {
  /** The input field a clash of natural keys is reported on. */
  keyPath: string;
  /**
   * True when the key is unique among current records only (a partial unique index): a withdrawn record leaves
   * its key free for a new one. Otherwise a key stays taken by its record, withdrawn or not.
   */
  keyFreedByWithdrawal?: boolean;
  /** The record with this key: the current one when there is one, else the latest withdrawn one. */
  find(tx: Tx, key: I): Promise<Stored<I> | null>;
  create(tx: Tx, input: I, known: Known): Promise<number>;
  /** Writes `input` over the record if it still has `version`; the number of rows changed (0: a conflict). */
  update(tx: Tx, id: number, version: number, input: I, known: Known): Promise<number>;
  withdraw(tx: Tx, id: number, version: number, withdrawal: Withdrawal): Promise<number>;
  /** What still depends on the record (a sentence), or null when it can be withdrawn. */
  dependents(tx: Tx, id: number): Promise<string | null>;
}

const bump = { version: { increment: 1 } } as const;
const guard = (id: number, version: number) => ({ id, version, ...CURRENT });
const nil = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);
const idOf = (found: Map<string, { id: number }>, key: string | null | undefined): number | null => (key ? (found.get(key)?.id ?? null) : null);
const must = (found: Map<string, { id: number }>, key: string): number => {
  const id = found.get(key)?.id;
  if (id === undefined) throw new Error(`validated reference ${key} not found`);
  return id;
};

/** "3 incidents and 1 evaluation" from counts; null when all are 0. */
function inUse(counts: [number, string][]): string | null {
  const parts = counts.filter(([n]) => n > 0).map(([n, what]) => `${n} current ${what}${n === 1 ? "" : "s"}`);
  return parts.length === 0 ? null : parts.join(", ");
}

const board: Store<RecordInputs["board"]> = {
  keyPath: "code",
  async find(tx, key) {
    const r = await tx.board.findUnique({ where: { code: key.code }, include: { region: { select: { code: true } } } });
    if (!r) return null;
    const input = { code: r.code, dfeCode: r.dfeCode, name: r.name, regionCode: r.region.code, inForceFrom: r.inForceFrom, inForceTo: r.inForceTo };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    const data = {
      code: i.code,
      dfeCode: i.dfeCode,
      name: i.name,
      regionId: must(known.regions, i.regionCode),
      inForceFrom: i.inForceFrom,
      inForceTo: nil(i.inForceTo),
    };
    return (await tx.board.create({ data, select: { id: true } })).id;
  },
  async update(tx, id, version, i, known) {
    const data = {
      dfeCode: i.dfeCode,
      name: i.name,
      regionId: must(known.regions, i.regionCode),
      inForceFrom: i.inForceFrom,
      inForceTo: nil(i.inForceTo),
      ...bump,
    };
    return (await tx.board.updateMany({ where: guard(id, version), data })).count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.board.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  async dependents(tx, id) {
    const [incidents, reviews, populations] = await Promise.all([
      tx.incident.count({ where: { boardId: id, ...CURRENT } }),
      tx.review.count({ where: { leadBoardId: id, ...CURRENT } }),
      tx.childPopulation.count({ where: { boardId: id, ...CURRENT } }),
    ]);
    return inUse([
      [incidents, "incident"],
      [reviews, "review"],
      [populations, "population estimate"],
    ]);
  },
};

const population: Store<RecordInputs["population"]> = {
  keyPath: "year",
  async find(tx, key) {
    const r = await tx.childPopulation.findFirst({
      where: { board: { code: key.boardCode }, year: key.year },
      include: { board: { select: { code: true } } },
    });
    if (!r) return null;
    const input = { boardCode: r.board.code, year: r.year, children: r.children, approximate: r.approximate, source: r.source };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    const data = { boardId: must(known.boards, i.boardCode), year: i.year, children: i.children, approximate: i.approximate, source: i.source };
    return (await tx.childPopulation.create({ data, select: { id: true } })).id;
  },
  async update(tx, id, version, i) {
    const data = { children: i.children, approximate: i.approximate, source: i.source, ...bump };
    return (await tx.childPopulation.updateMany({ where: guard(id, version), data })).count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.childPopulation.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  dependents: async () => null,
};

const incident: Store<RecordInputs["incident"]> = {
  keyPath: "reference",
  async find(tx, key) {
    const r = await tx.incident.findUnique({
      where: { reference: key.reference },
      include: { board: { select: { code: true } }, review: { select: { reference: true } } },
    });
    if (!r) return null;
    const input = {
      reference: r.reference,
      boardCode: r.board.code,
      occurredOn: r.occurredOn,
      notifiedOn: r.notifiedOn,
      nature: r.nature,
      abuseOrNeglectSuspected: r.abuseOrNeglectSuspected,
      childAgeBand: r.childAgeBand,
      decision: r.decision,
      decisionOn: r.decisionOn,
      decisionRationale: r.decisionRationale,
      reviewReference: r.review?.reference ?? null,
    };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    return (await tx.incident.create({ data: { reference: i.reference, ...incidentColumns(i, known) }, select: { id: true } })).id;
  },
  async update(tx, id, version, i, known) {
    return (await tx.incident.updateMany({ where: guard(id, version), data: { ...incidentColumns(i, known), ...bump } })).count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.incident.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  dependents: async () => null,
};

function incidentColumns(i: RecordInputs["incident"], known: Known) {
  return {
    boardId: must(known.boards, i.boardCode),
    occurredOn: i.occurredOn,
    notifiedOn: i.notifiedOn,
    nature: i.nature as never,
    abuseOrNeglectSuspected: i.abuseOrNeglectSuspected,
    childAgeBand: i.childAgeBand as never,
    decision: (i.decision ?? "PENDING") as never,
    decisionOn: nil(i.decisionOn),
    decisionRationale: nil(i.decisionRationale),
    reviewId: idOf(known.reviews, i.reviewReference),
  };
}

const agencyRows = (agencies: ReviewAgencyInput[] | null | undefined) =>
  (agencies ?? []).map((a) => ({ agency: a.agency as never, cooperated: a.cooperated, managementReviewSubmitted: a.managementReviewSubmitted }));

const review: Store<RecordInputs["review"]> = {
  keyPath: "reference",
  async find(tx, key) {
    const r = await tx.review.findUnique({
      where: { reference: key.reference },
      include: { leadBoard: { select: { code: true } }, agencies: { orderBy: { id: "asc" } } },
    });
    if (!r) return null;
    const input = {
      reference: r.reference,
      leadBoardCode: r.leadBoard.code,
      initiatedOn: r.initiatedOn,
      completedOn: r.completedOn,
      criteria: r.criteria,
      methodology: r.methodology,
      guidanceEdition: r.guidanceEdition,
      agencies: r.agencies.map((a) => ({ agency: a.agency, cooperated: a.cooperated, managementReviewSubmitted: a.managementReviewSubmitted })),
    };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    const data = { reference: i.reference, ...reviewColumns(i, known), agencies: { create: agencyRows(i.agencies) } };
    return (await tx.review.create({ data, select: { id: true } })).id;
  },
  async update(tx, id, version, i, known) {
    const count = (await tx.review.updateMany({ where: guard(id, version), data: { ...reviewColumns(i, known), ...bump } })).count;
    if (count === 1) {
      // The agencies are part of the review: replaced as a whole.
      await tx.reviewAgency.deleteMany({ where: { reviewId: id } });
      await tx.reviewAgency.createMany({ data: agencyRows(i.agencies).map((a) => ({ ...a, reviewId: id })) });
    }
    return count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.review.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  async dependents(tx, id) {
    const [incidents, evaluations, findings, authorships] = await Promise.all([
      tx.incident.count({ where: { reviewId: id, ...CURRENT } }),
      tx.evaluation.count({ where: { reviewId: id, ...CURRENT } }),
      tx.finding.count({ where: { reviewId: id, ...CURRENT } }),
      tx.authorship.count({ where: { reviewId: id, ...CURRENT } }),
    ]);
    return inUse([
      [incidents, "linked incident"],
      [evaluations, "evaluation"],
      [findings, "finding"],
      [authorships, "authorship"],
    ]);
  },
};

function reviewColumns(i: RecordInputs["review"], known: Known) {
  return {
    leadBoardId: must(known.boards, i.leadBoardCode),
    initiatedOn: i.initiatedOn,
    completedOn: nil(i.completedOn),
    criteria: i.criteria as never,
    methodology: i.methodology as never,
    guidanceEdition: i.guidanceEdition as never,
  };
}

/** Current first, then the latest withdrawn: the order a store's find takes a key that a withdrawal freed. */
const currentFirst = [{ withdrawnAt: { sort: "asc", nulls: "first" } }, { id: "desc" }] as const;

const evaluation: Store<RecordInputs["evaluation"]> = {
  keyPath: "reviewReference",
  keyFreedByWithdrawal: true,
  async find(tx, key) {
    const r = await tx.evaluation.findFirst({
      where: { review: { reference: key.reviewReference } },
      include: { review: { select: { reference: true } } },
      orderBy: [...currentFirst],
    });
    if (!r) return null;
    const input = {
      reviewReference: r.review.reference,
      inspectorate: r.inspectorate,
      receivedOn: r.receivedOn,
      evaluatedOn: r.evaluatedOn,
      grade: r.grade,
    };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    return (await tx.evaluation.create({ data: { reviewId: must(known.reviews, i.reviewReference), ...evaluationColumns(i) }, select: { id: true } }))
      .id;
  },
  async update(tx, id, version, i) {
    return (await tx.evaluation.updateMany({ where: guard(id, version), data: { ...evaluationColumns(i), ...bump } })).count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.evaluation.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  dependents: async () => null,
};

const evaluationColumns = (i: RecordInputs["evaluation"]) => ({
  inspectorate: i.inspectorate as never,
  receivedOn: i.receivedOn,
  evaluatedOn: nil(i.evaluatedOn),
  grade: nil(i.grade) as never,
});

const finding: Store<RecordInputs["finding"]> = {
  keyPath: "category",
  keyFreedByWithdrawal: true,
  async find(tx, key) {
    const r = await tx.finding.findFirst({
      where: { review: { reference: key.reviewReference }, source: key.source as never, category: key.category as never },
      include: { review: { select: { reference: true } } },
      orderBy: [...currentFirst],
    });
    if (!r) return null;
    const input = { reviewReference: r.review.reference, source: r.source, category: r.category, summary: r.summary };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    const data = { reviewId: must(known.reviews, i.reviewReference), source: i.source as never, category: i.category as never, summary: i.summary };
    return (await tx.finding.create({ data, select: { id: true } })).id;
  },
  async update(tx, id, version, i) {
    return (await tx.finding.updateMany({ where: guard(id, version), data: { summary: i.summary, ...bump } })).count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.finding.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  dependents: async () => null,
};

const author: Store<RecordInputs["author"]> = {
  keyPath: "reference",
  async find(tx, key) {
    const r = await tx.author.findUnique({ where: { reference: key.reference } });
    if (!r) return null;
    const input = { reference: r.reference, displayName: r.displayName, background: r.background, independent: r.independent };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i) {
    const data = { reference: i.reference, displayName: i.displayName, background: i.background as never, independent: i.independent };
    return (await tx.author.create({ data, select: { id: true } })).id;
  },
  async update(tx, id, version, i) {
    const data = { displayName: i.displayName, background: i.background as never, independent: i.independent, ...bump };
    return (await tx.author.updateMany({ where: guard(id, version), data })).count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.author.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  async dependents(tx, id) {
    const [authorships, competencies] = await Promise.all([
      tx.authorship.count({ where: { authorId: id, ...CURRENT } }),
      tx.competency.count({ where: { authorId: id, ...CURRENT } }),
    ]);
    return inUse([
      [authorships, "authorship"],
      [competencies, "competency"],
    ]);
  },
};

const competency: Store<RecordInputs["competency"]> = {
  keyPath: "attainedOn",
  async find(tx, key) {
    const r = await tx.competency.findFirst({
      where: { author: { reference: key.authorReference }, area: key.area as never, attainedOn: key.attainedOn },
      include: { author: { select: { reference: true } } },
    });
    if (!r) return null;
    const input = {
      authorReference: r.author.reference,
      area: r.area,
      level: r.level,
      years: r.years,
      attainedOn: r.attainedOn,
      expiresOn: r.expiresOn,
    };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    const data = {
      authorId: must(known.authors, i.authorReference),
      area: i.area as never,
      level: nil(i.level) as never,
      years: nil(i.years),
      attainedOn: i.attainedOn,
      expiresOn: nil(i.expiresOn),
    };
    return (await tx.competency.create({ data, select: { id: true } })).id;
  },
  async update(tx, id, version, i) {
    const data = { level: nil(i.level) as never, years: nil(i.years), expiresOn: nil(i.expiresOn), ...bump };
    return (await tx.competency.updateMany({ where: guard(id, version), data })).count;
  },
  async withdraw(tx, id, version, w) {
    return (await tx.competency.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  dependents: async () => null,
};

const authorship: Store<RecordInputs["authorship"]> = {
  keyPath: "role",
  async find(tx, key) {
    const r = await tx.authorship.findFirst({
      where: { review: { reference: key.reviewReference }, author: { reference: key.authorReference }, role: key.role as never },
      include: { review: { select: { reference: true } }, author: { select: { reference: true } } },
    });
    if (!r) return null;
    const input = { reviewReference: r.review.reference, authorReference: r.author.reference, role: r.role };
    return { id: r.id, version: r.version, withdrawnAt: r.withdrawnAt, input };
  },
  async create(tx, i, known) {
    const data = { reviewId: must(known.reviews, i.reviewReference), authorId: must(known.authors, i.authorReference), role: i.role as never };
    return (await tx.authorship.create({ data, select: { id: true } })).id;
  },
  // Every field of an authorship is part of its key: there is nothing to correct but to withdraw it.
  update: async () => 1,
  async withdraw(tx, id, version, w) {
    return (await tx.authorship.updateMany({ where: guard(id, version), data: { ...w, ...bump } })).count;
  },
  dependents: async () => null,
};

export const STORES: { [K in RecordKindName]: Store<RecordInputs[K]> } = {
  board,
  population,
  incident,
  review,
  evaluation,
  finding,
  author,
  competency,
  authorship,
};
