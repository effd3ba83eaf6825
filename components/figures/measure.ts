/** The link to one series on the figures page. */
export function seriesHref(measure: string, key: string): string {
  return `/figures?${new URLSearchParams({ measure, scope: key })}`;
}
