/**
 * Opens, migrates and seeds the database when the server boots, so the first request does not
 * wait for PGlite (5–7 s). Node runtime only: the database module cannot load elsewhere.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootDatabase } = await import("./db/boot");
  await bootDatabase();
}
