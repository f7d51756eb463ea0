// `npm run seed -- --scale N`: a dataset N times larger with the same shape, for measuring growth (the bench's
// `--scale`). The case records (incidents, reviews with their evaluations, findings, agencies and authorships,
// authors with their competencies) are copied N times onto the same boards, dates and populations: every board
// has N times its incidents and reviews, so page queries meet N times the rows and aggregates count N times as
// many. Geography (regions, boards, authorities, populations) is real reference data and is not copied.
//
// Copy 1 is the seed itself, so its rows keep their ids and references; copy k (2..N) offsets every id by
// (k-1) × the table's size and suffixes every reference with "-k". The published anchor figures (docs/seed.md,
// A1-A9) hold at scale 1 only: at scale N every count is N times the anchor.
import type { Dataset } from "./dataset";

/** The largest scale `--scale` accepts (about 150,000 incidents and 1.1 million rows in all at 100). */
export const MAX_SCALE = 1000;

type Row = { id: number };

/** `rows` followed by copies 2..n, with ids moved past the previous copy and `fix` applied to each copy. */
function copies<T extends Row>(rows: readonly T[], n: number, fix: (row: T, copy: number) => T): T[] {
  const step = rows.reduce((max, r) => Math.max(max, r.id), 0);
  const out: T[] = [...rows];
  for (let k = 2; k <= n; k++) {
    for (const row of rows) out.push(fix({ ...row, id: row.id + (k - 1) * step }, k));
  }
  return out;
}

/** The largest id of a table, the step its copies' ids move by. */
const maxId = (rows: readonly Row[]) => rows.reduce((max, r) => Math.max(max, r.id), 0);

export function scaleDataset(dataset: Dataset, n: number): Dataset {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCALE) throw new Error(`the scale must be a whole number from 1 to ${MAX_SCALE}, not ${n}`);
  if (n === 1) return dataset;
  const reviewStep = maxId(dataset.reviews);
  const authorStep = maxId(dataset.authors);
  const review = (id: number | null, k: number) => (id === null ? null : id + (k - 1) * reviewStep);
  const author = (id: number, k: number) => id + (k - 1) * authorStep;
  return {
    ...dataset,
    authors: copies(dataset.authors, n, (a, k) => ({ ...a, reference: `${a.reference}-${k}` })),
    competencies: copies(dataset.competencies, n, (c, k) => ({ ...c, authorId: author(c.authorId, k) })),
    reviews: copies(dataset.reviews, n, (r, k) => ({ ...r, reference: `${r.reference}-${k}` })),
    incidents: copies(dataset.incidents, n, (i, k) => ({ ...i, reference: `${i.reference}-${k}`, reviewId: review(i.reviewId, k) })),
    reviewAgencies: copies(dataset.reviewAgencies, n, (a, k) => ({ ...a, reviewId: review(a.reviewId, k)! })),
    authorships: copies(dataset.authorships, n, (a, k) => ({ ...a, reviewId: review(a.reviewId, k)!, authorId: author(a.authorId, k) })),
    evaluations: copies(dataset.evaluations, n, (e, k) => ({ ...e, reviewId: review(e.reviewId, k)! })),
    findings: copies(dataset.findings, n, (f, k) => ({ ...f, reviewId: review(f.reviewId, k)! })),
  };
}
