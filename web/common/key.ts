// The API key a page uses, kept in this browser tab's sessionStorage only: gone when the tab closes, never in
// localStorage, a cookie or a URL, and shared by the explorer and the atlas within the tab.
const SLOT = "scr-atlas.key";

export function storedKey(): string {
  return sessionStorage.getItem(SLOT) ?? "";
}

export function storeKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed === "") sessionStorage.removeItem(SLOT);
  else sessionStorage.setItem(SLOT, trimmed);
}
