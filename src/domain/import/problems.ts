// The problems an import file can have, each with where it is (line, column) and why, in a sentence a steward
// understands. A file with thousands of bad rows must not cost thousands of objects: the list keeps the first
// MAX_REPORTED problems and counts the rest.

/** Problems reported one by one; beyond this only their number is given. */
export const MAX_REPORTED_PROBLEMS = 1000;

export interface ImportProblem {
  /** The line of the file (1 is the first), or null for a problem with the whole file (an unknown kind, an empty file). */
  line: number | null;
  /** The column (CSV) or property (JSON Lines) at fault, or null when the problem is the line itself. */
  column: string | null;
  /** A code a program can switch on (e.g. MISSING_COLUMN, INVALID_UTF8, DUPLICATE_KEY, or a validator's code). */
  code: string;
  /** What is wrong and what is allowed. */
  reason: string;
}

export class ProblemList {
  readonly reported: ImportProblem[] = [];
  /** Every problem found, reported or not. */
  total = 0;

  constructor(private readonly max = MAX_REPORTED_PROBLEMS) {}

  add(problem: ImportProblem): void {
    this.total++;
    if (this.reported.length < this.max) this.reported.push(problem);
  }

  get empty(): boolean {
    return this.total === 0;
  }

  /** The reported problems in the file's order (problems are found in more than one pass and stream). */
  inOrder(): ImportProblem[] {
    return [...this.reported].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  /** Problems found but not listed. */
  get unreported(): number {
    return this.total - this.reported.length;
  }
}

/** One problem as a line of text: "line 12, column notifiedOn: …". */
export function describeProblem(problem: ImportProblem): string {
  const where = [problem.line === null ? "file" : `line ${problem.line}`, problem.column === null ? null : `column ${problem.column}`]
    .filter(Boolean)
    .join(", ");
  return `${where}: ${problem.reason} [${problem.code}]`;
}
