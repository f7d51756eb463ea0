// Checks that a named record exists and is not withdrawn, and that a board was in force on a date.
import type { BoardFacts } from "./lookup";
import { Problems } from "./problems";

type Path = (string | number)[];

/** The record `key` names in `found`, or undefined with a NOT_FOUND or WITHDRAWN problem at `path`. */
export function named<T extends object>(
  problems: Problems,
  path: Path,
  key: string | undefined,
  found: ReadonlyMap<string, T>,
  what: string,
): T | undefined {
  if (key === undefined) return undefined;
  const record = found.get(key);
  if (!record) {
    problems.add(path, "NOT_FOUND", `No ${what} has the ${path.at(-1)} ${key}.`);
    return undefined;
  }
  if ("withdrawn" in record && record.withdrawn === true) {
    problems.add(path, "WITHDRAWN", `The ${what} ${key} has been withdrawn; name one that is current.`);
    return undefined;
  }
  return record;
}

export function boardInForce(board: Pick<BoardFacts, "inForceFrom" | "inForceTo">, date: string): boolean {
  return board.inForceFrom <= date && (board.inForceTo === null || date <= board.inForceTo);
}

/** A NOT_IN_FORCE problem at `path` unless the board was in force on `date`. */
export function requireInForce(problems: Problems, path: Path, board: BoardFacts | undefined, date: string | undefined, dateName: string): void {
  if (!board || date === undefined || boardInForce(board, date)) return;
  const to = board.inForceTo === null ? "" : ` to ${board.inForceTo}`;
  problems.add(path, "NOT_IN_FORCE", `The board ${board.code} was in force from ${board.inForceFrom}${to}, not on ${dateName} ${date}.`);
}
