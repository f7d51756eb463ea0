// Withdrawn records are not served: node(id:) of one gives null (src/domain/withdrawal.ts says why).
import { CURRENT } from "../../domain/withdrawal";

/** The unique filter of a withdrawable model's node: its id, and not withdrawn. */
export function currentNode(id: string | number) {
  return { id: Number(id), ...CURRENT };
}
