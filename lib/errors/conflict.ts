import { AppError } from "./app-error";

/**
 * Optimistic concurrency, said one way everywhere: the version the person acted on must still be
 * current (checked before any other rule), and the guarded UPDATE must still find it.
 */
export function assertCurrentVersion(sent: number, current: number, what: string): void {
  if (sent !== current) {
    throw new AppError(
      "CONFLICT",
      `The ${what} has changed since you loaded it (you acted on version ${sent}, it is now ${current}). Reload and try again.`,
    );
  }
}

/** The guarded UPDATE found no row: someone else's change won in between. */
export function lostUpdate(what: string): AppError {
  return new AppError("CONFLICT", `Someone else changed the ${what} at the same moment. Reload and try again.`);
}
