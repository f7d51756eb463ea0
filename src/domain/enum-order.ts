// Sorting by enum values in their declared order (OUTSTANDING, GOOD, ADEQUATE, INADEQUATE), in JavaScript, for
// the short lists loaded with a row (a review's findings). PostgreSQL sorts a native enum column by declaration
// and SQLite sorts its text alphabetically, so ORDER BY on an enum gives different answers on the two.

type EnumObject = Record<string, string>;

/** A comparator for rows by `keys`, each an enum field compared by its declared order or any other value as is. */
export function byEnums<T>(...keys: [keyof T, EnumObject | null][]): (a: T, b: T) => number {
  const ranks = keys.map(([key, values]) => [key, values ? new Map(Object.values(values).map((v, i) => [v, i])) : null] as const);
  return (a, b) => {
    for (const [key, rank] of ranks) {
      const x = rank ? (rank.get(a[key] as string) ?? -1) : a[key];
      const y = rank ? (rank.get(b[key] as string) ?? -1) : b[key];
      if (x !== y) return (x as number | string) < (y as number | string) ? -1 : 1;
    }
    return 0;
  };
}
