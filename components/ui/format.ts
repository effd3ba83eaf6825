const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

export function formatDate(isoDate: string): string {
  return dateOnly.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

export function formatIncidentDate(range: { from: string | null; to: string | null }): string | null {
  if (!range.from) return null;
  if (!range.to || range.to === range.from) return formatDate(range.from);
  return `${formatDate(range.from)} – ${formatDate(range.to)}`;
}
