import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/server/database";
import { authSecret, env } from "@/lib/env";
import { authenticateCredentials } from "./authenticate";
import { clientAddress } from "./client-address";
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

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  // Cookies are HttpOnly and SameSite=Lax; Secure (with the __Secure- prefix) when the request came
  // over HTTPS, which Auth.js reads from X-Forwarded-Proto (set by the TLS proxy), or always when the
  // site's address is https: then a proxy that forgets the header still gets secure cookies.
  useSecureCookies: env.PUBLIC_URL?.startsWith("https://") ? true : undefined,
  // The JWT is signed, not stored; its `sid` names a row in `sessions` (lib/auth/sessions.ts) that
  // every request checks, so a sign-out ends the session on the server, not only in this browser.
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  // Without this, Auth.js prints a full stack for every wrong password.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
    warn() {},
  },
  providers: [
    Credentials({
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
    }),
  ],
  callbacks: {
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
});
