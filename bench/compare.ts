// Whether a baseline's JSON is the API's: the same keys, arrays in the same order, the same values; numbers
// that are not whole may differ in the last bits (a sum taken in another order), up to a relative 1e-9.

/** The first difference between `api` and `baseline`, as "path: api value ≠ baseline value", or null. */
export function firstDifference(api: unknown, baseline: unknown, path = "data"): string | null {
  if (typeof api === "number" && typeof baseline === "number") {
    if (api === baseline) return null;
    const scale = Math.max(Math.abs(api), Math.abs(baseline));
    return Number.isInteger(api) && Number.isInteger(baseline)
      ? `${path}: ${api} ≠ ${baseline}`
      : Math.abs(api - baseline) <= 1e-9 * scale
        ? null
        : `${path}: ${api} ≠ ${baseline}`;
  }
  if (Array.isArray(api) || Array.isArray(baseline)) {
    if (!Array.isArray(api) || !Array.isArray(baseline)) return `${path}: ${brief(api)} ≠ ${brief(baseline)}`;
    if (api.length !== baseline.length) return `${path}: ${api.length} items ≠ ${baseline.length} items`;
    for (let i = 0; i < api.length; i++) {
      const found = firstDifference(api[i], baseline[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (api !== null && baseline !== null && typeof api === "object" && typeof baseline === "object") {
    const a = api as Record<string, unknown>;
    const b = baseline as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      if (!(key in a) || !(key in b)) return `${path}.${key}: ${key in a ? "only in the API's answer" : "only in the baseline's"}`;
      const found = firstDifference(a[key], b[key], `${path}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return api === baseline ? null : `${path}: ${brief(api)} ≠ ${brief(baseline)}`;
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
