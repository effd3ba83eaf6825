import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCurrentActor, getSignedIn } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/auth/permissions";
import type { SignedIn } from "@/lib/auth/sessions";
import { actionStateFromError } from "@/lib/errors/action-error";
import { type ActionState, formValues } from "@/lib/errors/action-state";
import { type AppErrorCode, isAppError } from "@/lib/errors/app-error";
import { chosenLanguage } from "@/lib/i18n/chosen-language";
import { enterLocale, inLocale } from "@/lib/i18n/translate";
import { countUnreadNotifications } from "@/lib/notifications/list-notifications";
import { withAfterCommit } from "./after-commit";
import { type Db, getDb } from "./database";

/**
 * The door kit of pages and server actions (the API's is `apiRoute`, lib/api/route.ts). Nothing
 * under app/ opens the database or finds the signed-in person itself: it asks here, and hands
 * both to one lib/ function, which checks permission and validates its input (rule 4).
 */

/** What a workspace page reads with. */
export type PageContext = { db: Db; actor: Actor };

/**
 * A workspace page: the signed-in person, or a redirect to sign in that brings them back to
 * `returnTo` afterwards, and the database. (Done here rather than in proxy.ts: a proxy makes Next
 * clone every request body, which cut evidence upload throughput to a third.)
 */
export async function pageContext(returnTo: string): Promise<PageContext> {
  const actor = await getCurrentActor();
  if (!actor) redirect(await signInStepFor(returnTo));
  // What lib/ writes for this page (a stored capture failure read back, a refusal) in its language.
  const { locale, digits } = await chosenLanguage();
  enterLocale(locale, digits);
  return { db: await getDb(), actor };
}

/**
 * Where a request without a workspace session goes: a session that owes its second factor to the
 * second-factor page, one whose person must enrol to enrolment, anyone else to sign in; each
 * brings them back to `returnTo` afterwards.
 */
export async function signInStepFor(returnTo: string): Promise<string> {
  const stage = (await getSignedIn())?.stage;
  const back = `callbackUrl=${encodeURIComponent(returnTo)}`;
  if (stage === "verify") return `/login/verify?${back}`;
  if (stage === "enrol") return `/enrol?${back}`;
  return `/login?${back}`;
}

/**
 * A page's main read, where what the person may not see, or what does not exist, is the 404 page
 * (lib/ answers NOT_FOUND for both; `alsoFor` adds codes a page treats alike).
 */
export async function orNotFound<T>(read: Promise<T>, alsoFor: AppErrorCode[] = []): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || alsoFor.includes(error.code))) notFound();
    throw error;
  }
}

/**
 * A page's list read whose query string may be refused (a hand-edited search or cursor): the
 * refusal's message and `empty` in its place, rather than the error page; anything else still fails.
 */
export async function orRefusedQuery<T>(read: Promise<T>, empty: T): Promise<{ value: T; refused: string | null }> {
  try {
    return { value: await read, refused: null };
  } catch (error) {
    if (isAppError(error) && error.code === "BAD_REQUEST") return { value: empty, refused: error.message };
    throw error;
  }
}

/** Who is signed in, if anyone: for what only draws differently for them (the workspace frame, the sign-in page). */
export async function signedInActor(): Promise<Actor | null> {
  return getCurrentActor();
}

/** The workspace's frame: who is signed in, and how many of their notifications are unread (the header's count). */
export async function workspaceFrame(): Promise<{ actor: Actor | null; unread: number }> {
  const actor = await getCurrentActor();
  return { actor, unread: actor ? await countUnreadNotifications(await getDb(), actor) : 0 };
}

/** A server action that answers in a shape of its own: the person, if signed in (lib/ refuses null), and the database. */
export async function actionContext(): Promise<{ db: Db; actor: Actor | null }> {
  return { db: await getDb(), actor: await getCurrentActor() };
}

/**
 * The second-factor and enrolment pages and their actions: the session at whatever stage it has
 * reached (a half-signed-in one too, which every other door refuses), or null, and the database.
 * What each stage may do is lib/'s to check; the pages speak the person's language.
 */
export async function stageContext(): Promise<{ db: Db; signedIn: SignedIn | null }> {
  const { locale, digits } = await chosenLanguage();
  enterLocale(locale, digits);
  return { db: await getDb(), signedIn: await getSignedIn() };
}

/** The doors of signing in, where nobody is signed in yet: the database only. */
export async function signInContext(): Promise<{ db: Db }> {
  return { db: await getDb() };
}

/**
 * The form a server action was sent. A page's form sends FormData, but a script can post the action
 * any JSON in its place: that reads as an empty form (its fields missing, refused as any missing
 * field is), never as a TypeError and a 500.
 */
export function sentForm(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** A form's fields as sent (text fields only), with the person and the database. */
export type FormDoor = { db: Db; actor: Actor | null; values: Record<string, string> };

/**
 * How a form action ends when its operation succeeds: on another page, or on this one with a
 * message; `refresh` names the pages that show what changed (dropped after the commit).
 */
export type FormDone =
  | { redirectTo: string }
  | { message: string; refresh: string[]; values?: Record<string, string>; created?: ActionState["created"] };

/**
 * A form's server action: hands the form's fields, the person and the database to `run` (which
 * shapes the fields into one lib/ operation's input; the operation parses it) in the person's
 * language (lib/ writes its refusals in it: lib/i18n/translate.ts), then runs the
 * after-commit hook once and redirects or answers the form. An AppError becomes the form's message
 * and field errors, with the fields sent back so the form keeps them; anything else is logged and
 * answered generically (`actionStateFromError`).
 */
export async function formAction(formData: FormData | undefined, run: (door: FormDoor) => Promise<FormDone>): Promise<ActionState> {
  const values = formData ? formValues(sentForm(formData)) : undefined;
  const { locale, digits } = await chosenLanguage();
  let done: FormDone;
  try {
    done = await inLocale(
      locale,
      () =>
        withAfterCommit(
          async () => run({ ...(await actionContext()), values: values ?? {} }),
          (result) => ("refresh" in result ? result.refresh : []),
        ),
      digits,
    );
  } catch (error) {
    return inLocale(locale, () => actionStateFromError(error, values), digits);
  }
  if ("redirectTo" in done) redirect(done.redirectTo);
  return {
    ok: true,
    message: done.message,
    ...(done.values ? { values: done.values } : {}),
    ...(done.created ? { created: done.created } : {}),
  };
}

/**
 * Where a form shown inline on a claim page goes back to after saving: the claim page it names
 * (`returnTo`, a hidden field, checked to be one) with `done`, else `fallback`. Never a page
 * elsewhere: the field is the client's to change.
 */
export function backToClaim(returnTo: string | undefined, done: string, fallback: string): string {
  return /^\/claims\/[0-9a-f-]{36}$/.test(returnTo ?? "") ? `${returnTo}?done=${done}` : fallback;
}

/** The id of this request's session when it opens the workspace: the settings mark it in the sessions list, and a password change keeps it. */
export async function currentSessionId(): Promise<string | null> {
  const signedIn = await getSignedIn();
  return signedIn?.stage === "full" ? signedIn.sessionId : null;
}
