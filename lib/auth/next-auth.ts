import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/server/database";
import { authSecret, env } from "@/lib/env";
import { authenticateCredentials } from "./authenticate";
import { clientAddress } from "./client-address";
import { authenticateOrganisation } from "./organisation-sign-in";
import { endSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

/** Refused by the rate limiter; the sign-in form tells the person when to try again. */
class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: string; sessionVersion: number; sessionId: string };
  }
}

/** The organisation's identity provider's id in Auth.js (its callback is /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

/** Whether people can sign in through the organisation's identity provider (OIDC_ISSUER and its client set). */
export function organisationSignInEnabled(): boolean {
  return !!(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

/** Whether the e-mail and password form is offered (PASSWORD_SIGN_IN, on unless turned off). */
export function passwordSignInEnabled(): boolean {
  return env.PASSWORD_SIGN_IN === "on";
}

/**
 * The organisation's OpenID Connect provider: discovered from OIDC_ISSUER; the authorization code
 * flow with PKCE and state, the ID token checked, then the claims read from the userinfo endpoint
 * (where a provider puts the e-mail when it keeps the ID token small). Only `sub`, `email` and
 * `email_verified` are used (lib/auth/organisation-sign-in.ts); the role is never the provider's.
 */
function organisationProvider() {
  return {
    id: OIDC_PROVIDER_ID,
    name: env.OIDC_NAME,
    type: "oidc" as const,
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    checks: ["pkce" as const, "state" as const],
    authorization: { params: { scope: "openid email" } },
    idToken: false,
    profile(profile: Record<string, unknown>) {
      return { id: String(profile.sub ?? "") };
    },
  };
}

/** Sign-in with an e-mail and password, checked by authenticateCredentials (rate-limited, audited). */
function passwordProvider() {
  return Credentials({
    credentials: { email: { label: "E-mail" }, password: { label: "Password", type: "password" } },
    async authorize(credentials, request) {
      const email = typeof credentials?.email === "string" ? credentials.email : "";
      const password = typeof credentials?.password === "string" ? credentials.password : "";
      if (!email || !password || email.length > 254 || password.length > 200) return null;
      const db = await getDb();
      const result = await authenticateCredentials(db, {
        email,
        password,
        address: clientAddress(request.headers),
        userAgent: request.headers.get("user-agent"),
      });
      if (result.ok) {
        const { user, sessionId } = result;
        return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion, sessionId };
      }
      if (result.reason === "rate_limited") throw new RateLimitedSignIn();
      return null;
    },
  });
}

// Built for each request (Auth.js's lazy configuration), so the organisation's sign-in knows the
// request it came back with (the address and User-Agent its session records); `request` is
// undefined outside the /api/auth routes (auth(), and the sign-in and sign-out actions).
export const { handlers, auth, signIn, signOut } = NextAuth((request) => ({
  secret: authSecret(),
  trustHost: true,
  // Cookies are HttpOnly and SameSite=Lax; Secure (with the __Secure- prefix) when the request came
  // over HTTPS, which Auth.js reads from X-Forwarded-Proto (set by the TLS proxy), or always when the
  // site's address is https: then a proxy that forgets the header still gets secure cookies.
  useSecureCookies: env.PUBLIC_URL?.startsWith("https://") ? true : undefined,
  // The JWT is signed, not stored; its `sid` names a row in `sessions` (lib/auth/sessions.ts) that
  // every request checks, so a sign-out ends the session on the server, not only in this browser.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Refusals and failures of the organisation's sign-in come back to the sign-in page as `?error=`.
  pages: { signIn: "/login", error: "/login" },
  // Without this, Auth.js prints a full stack for every wrong password.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      // What went wrong underneath (an identity provider's answer, say), in one line.
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      console.error(`[auth] ${error.name}: ${error.message}${cause instanceof Error ? ` (${cause.message})` : ""}`);
    },
    warn() {},
  },
  providers: [
    ...(organisationSignInEnabled() ? [organisationProvider()] : []),
    // Turned off (PASSWORD_SIGN_IN=off), the provider is not there: its endpoint refuses every password.
    ...(passwordSignInEnabled() ? [passwordProvider()] : []),
  ],
  callbacks: {
    // The organisation's sign-in: the provider has vouched for `profile`; Corroborate decides who
    // that is and whether they may come in, and opens the session (`user` goes on to `jwt`).
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      if (!request) return "/login?error=Configuration";
      const result = await authenticateOrganisation(
        await getDb(),
        { subject: String(profile?.sub ?? ""), email: typeof profile?.email === "string" ? profile.email : null, emailVerified: profile?.email_verified },
        { address: clientAddress(request.headers), userAgent: request.headers.get("user-agent") },
      );
      if (!result.ok) return `/login?error=${result.reason}`;
      Object.assign(user, { ...result.user, sessionId: result.sessionId });
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: string; sessionVersion: number; sessionId: string };
        token.uid = u.id;
        token.role = u.role;
        token.sv = u.sessionVersion;
        token.sid = u.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.uid ?? ""),
        role: String(token.role ?? ""),
        sessionVersion: Number(token.sv ?? 0),
        sessionId: String(token.sid ?? ""),
      };
      return session;
    },
  },
  events: {
    // Both sign-outs (the workspace's button and a POST to /api/auth/signout) come through here
    // with the decoded token. Auth.js logs an error thrown here and clears the cookie regardless.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sid || !token.uid) return;
      await endSession(await getDb(), { sessionId: String(token.sid), userId: String(token.uid) }, "signed_out");
    },
  },
}));
