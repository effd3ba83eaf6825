/** A `%text%` pattern for ILIKE that treats the person's %, _ and \ as themselves. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
