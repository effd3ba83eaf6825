import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret, env } from "@/lib/env";
import { authenticateCredentials } from "./authenticate";
import { clientAddress } from "./client-address";

/** Refused by the rate limiter; the sign-in form tells the person when to try again. */
class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: string; sessionVersion: number };
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  // Cookies are HttpOnly and SameSite=Lax; Secure (with the __Secure- prefix) when the request came
  // over HTTPS, which Auth.js reads from X-Forwarded-Proto (set by the TLS proxy), or always when the
  // site's address is https: then a proxy that forgets the header still gets secure cookies.
  useSecureCookies: env.PUBLIC_URL?.startsWith("https://") ? true : undefined,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
        const result = await authenticateCredentials(db, { email, password, address: clientAddress(request.headers) });
        if (result.ok) {
          const { user } = result;
          return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
        }
        if (result.reason === "rate_limited") throw new RateLimitedSignIn();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: string; sessionVersion: number };
        token.uid = u.id;
        token.role = u.role;
        token.sv = u.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.uid ?? ""),
        role: String(token.role ?? ""),
        sessionVersion: Number(token.sv ?? 0),
      };
      return session;
    },
  },
});
