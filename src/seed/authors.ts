// Authors, their competencies, and who chaired and wrote each review. Whether a review's overview authors
// met the minimum author standard (docs/domain.md) is decided first (by era and grade, STANDARD_MET_CHANCE), then
// authors are drawn from those who did, or did not, meet it on the review's decision date.
import type { Author, Authorship, Competency } from "./dataset";
import type { AuthorBackground, CompetencyArea, CompetencyLevel } from "../generated/sqlite/enums";
import { AUTHOR_COUNT, SPAN, STANDARD_MET_CHANCE } from "./calibration";
import { authorStandard, competencyHeld } from "../domain/rules";
import { addDays } from "./dates";
import type { Rng } from "./random";

/** Background mix (model: social work most common, as in the SCR workforce). */
const BACKGROUNDS: readonly { background: AuthorBackground; weight: number; independent: number; practice: number }[] = [
  { background: "SOCIAL_WORK", weight: 40, independent: 0.62, practice: 0.95 },
  { background: "HEALTH", weight: 18, independent: 0.52, practice: 0.85 },
  { background: "POLICE", weight: 12, independent: 0.5, practice: 0.8 },
  { background: "LEGAL", weight: 8, independent: 0.75, practice: 0.5 },
  { background: "EDUCATION", weight: 7, independent: 0.5, practice: 0.75 },
  { background: "PROBATION", weight: 6, independent: 0.55, practice: 0.8 },
  { background: "ACADEMIC", weight: 5, independent: 0.85, practice: 0.6 },
  { background: "OTHER", weight: 4, independent: 0.6, practice: 0.5 },
];

export interface AuthorPool {
  authors: Author[];
  competencies: Competency[];
  /** Relative workload: a few independent reviewers wrote many reviews. */
  activity: Map<number, number>;
  competenciesOf: Map<number, Competency[]>;
}

/** The minimum author standard is the API's own (src/domain/rules), so the seed calibrates to it. */
function meetsStandard(author: Author, competencies: readonly Competency[], date: string): boolean {
  return authorStandard.assess({ independent: author.independent, competencies }, date).meets;
}

/** A date with a day of month ≤ 28, so anniversaries are never ambiguous. */
function dateIn(rng: Rng, fromYear: number, toYear: number, toDate?: string): string {
  for (;;) {
    const date = `${rng.int(fromYear, toYear)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
    if (toDate === undefined || date <= toDate) return date;
  }
}

export function buildAuthors(rng: Rng): AuthorPool {
  const authors: Author[] = [];
  const competencies: Competency[] = [];
  const activity = new Map<number, number>();
  const competenciesOf = new Map<number, Competency[]>();

  for (let n = 1; n <= AUTHOR_COUNT; n++) {
    const profile = rng.weightedPick(BACKGROUNDS, (b) => b.weight);
    const author: Author = {
      id: n,
      reference: `AUT-${String(n).padStart(4, "0")}`,
      displayName: `Synthetic Reviewer ${String(n).padStart(3, "0")}`,
      background: profile.background,
      independent: rng.chance(profile.independent),
      synthetic: true,
    };
    authors.push(author);
    activity.set(n, Math.exp(0.4 * rng.normal()) * (author.independent ? 1.3 : 1));
    const own: Competency[] = [];
    const add = (area: CompetencyArea, attainedOn: string, extra: { level?: CompetencyLevel; years?: number; expiresOn?: string } = {}) => {
      if (own.some((c) => c.area === area && c.attainedOn === attainedOn)) return;
      const row: Competency = {
        id: competencies.length + 1,
        authorId: n,
        area,
        level: extra.level ?? null,
        years: extra.years ?? null,
        attainedOn,
        expiresOn: extra.expiresOn ?? null,
        synthetic: true,
      };
      competencies.push(row);
      own.push(row);
    };

    if (rng.chance(profile.practice)) {
      // Years of practice recorded when the author joined the pool; some had fewer than five then.
      add("CHILD_PROTECTION_PRACTICE", dateIn(rng, 2001, 2006), { years: Math.floor(Math.pow(rng.float(), 0.8) * 22) });
    }
    addReviewMethodology(rng, add);
    if (rng.chance(0.6)) add("MULTI_AGENCY_WORKING", dateIn(rng, 2000, 2010, SPAN.end));
    if (rng.chance(author.independent ? 0.55 : 0.25)) {
      const attainedOn = dateIn(rng, 2001, 2009);
      add("CHAIRING", attainedOn, rng.chance(0.15) ? { expiresOn: addDays(attainedOn, 4 * 365) } : {});
    }
    if (rng.chance(0.5)) add("REPORT_WRITING", dateIn(rng, 2001, 2010, SPAN.end));
    competenciesOf.set(n, own);
  }
  return { authors, competencies, activity, competenciesOf };
}

type AddCompetency = (area: CompetencyArea, attainedOn: string, extra?: { level?: CompetencyLevel; years?: number; expiresOn?: string }) => void;

/** Review methodology training: some trained before the LSCBs, many after the ADCS call of 2008, some never;
 * a few trainings expire after three years (some renewed), and some trained reviewers become accredited. */
function addReviewMethodology(rng: Rng, add: AddCompetency): void {
  const era = rng.weightedPick(
    [
      { from: 2002, to: 2006, weight: 35 },
      { from: 2007, to: 2009, weight: 37 },
      { from: 2010, to: 2010, weight: 8 },
      { from: 0, to: 0, weight: 20 },
    ],
    (e) => e.weight,
  );
  if (era.from === 0) return;
  const trainedOn = dateIn(rng, era.from, era.to, SPAN.end);
  if (rng.chance(0.1)) {
    const expiresOn = addDays(trainedOn, 3 * 365);
    add("REVIEW_METHODOLOGY", trainedOn, { level: "TRAINED", expiresOn });
    const renewedOn = addDays(expiresOn, rng.int(30, 240));
    if (rng.chance(0.5) && renewedOn <= SPAN.end) add("REVIEW_METHODOLOGY", renewedOn, { level: "TRAINED" });
  } else {
    add("REVIEW_METHODOLOGY", trainedOn, { level: "TRAINED" });
  }
  const accreditedOn = dateIn(rng, Math.max(2008, Number(trainedOn.slice(0, 4)) + 1), 2011);
  if (rng.chance(0.3) && accreditedOn <= SPAN.end) add("REVIEW_METHODOLOGY", accreditedOn, { level: "ACCREDITED" });
}

export interface AuthorshipTarget {
  reviewId: number;
  initiatedOn: string;
  inadequate: boolean;
  /** Learning Together reviews are led by two reviewers. */
  twoOverviewAuthors: boolean;
}

/** Chairs and overview authors for each review, in decision-date order. Returns how many reviews could not get
 * the intended kind of author (expected 0). */
export function assignAuthorships(rng: Rng, pool: AuthorPool, targets: readonly AuthorshipTarget[]): { authorships: Authorship[]; misses: number } {
  const authorships: Authorship[] = [];
  let misses = 0;
  const weight = (a: Author) => pool.activity.get(a.id) as number;
  for (const target of targets) {
    const date = target.initiatedOn;
    // An expiry on the decision date itself would make "held on that date" depend on how expiry is read; avoid it.
    const usable = pool.authors.filter((a) => !(pool.competenciesOf.get(a.id) as Competency[]).some((c) => c.expiresOn === date));
    const meeting = usable.filter((a) => meetsStandard(a, pool.competenciesOf.get(a.id) as Competency[], date));
    const missing = usable.filter((a) => !meeting.includes(a));
    const chances = date < STANDARD_MET_CHANCE.changeOn ? STANDARD_MET_CHANCE.before : STANDARD_MET_CHANCE.after;
    const met = rng.chance(target.inadequate ? chances.inadequate : chances.other);

    let first = met ? meeting : missing;
    if (first.length === 0) {
      misses++;
      first = met ? missing : meeting;
    }
    const overview = [rng.weightedPick(first, weight)];
    if (target.twoOverviewAuthors || rng.chance(0.08)) {
      // Both must meet the standard for the review to; otherwise the second is anyone.
      const second = (met ? meeting : usable).filter((a) => a !== overview[0]);
      if (second.length > 0) overview.push(rng.weightedPick(second, weight));
    }
    const add = (authorId: number, role: Authorship["role"]) =>
      authorships.push({ id: authorships.length + 1, reviewId: target.reviewId, authorId, role });
    for (const author of overview) add(author.id, "OVERVIEW_AUTHOR");

    // The panel chair: sometimes the overview author also chairs; otherwise someone else, preferably with
    // chairing experience. Different people often bring different backgrounds.
    if (rng.chance(0.15)) {
      add((overview[0] as Author).id, "PANEL_CHAIR");
    } else {
      const others = usable.filter((a) => !overview.includes(a));
      const chair = rng.weightedPick(others, (a) => {
        const chairing = (pool.competenciesOf.get(a.id) as Competency[]).some((c) => c.area === "CHAIRING" && competencyHeld.holds(c, date));
        return weight(a) * (chairing ? 4 : 1);
      });
      add(chair.id, "PANEL_CHAIR");
    }
  }
  return { authorships, misses };
}
