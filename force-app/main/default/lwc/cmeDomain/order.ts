/** Sorting helpers: plain code-unit order, so results never depend on the runtime's locale. */

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
