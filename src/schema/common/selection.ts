// What a query selects below the field being resolved, so a resolver computes only what will be read (a
// group-by's measures, a Stats' figures). Fragments are followed; @skip and @include are not evaluated, so a
// field skipped at run time still counts as selected: computing a little more is safe, computing less is not.
import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";

/** The names (not aliases) of the fields selected at `path` below the current field, e.g. ["groups"]. */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  const out = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, depth: number, seen: ReadonlySet<string>) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === "Field") {
        if (depth === path.length) out.add(s.name.value);
        else if (s.name.value === path[depth]) visit(s.selectionSet, depth + 1, seen);
      } else if (s.kind === "InlineFragment") {
        visit(s.selectionSet, depth, seen);
      } else {
        const name = s.name.value;
        const fragment = info.fragments[name];
        if (fragment && !seen.has(name)) visit(fragment.selectionSet, depth, new Set([...seen, name]));
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0, new Set());
  return out;
}
