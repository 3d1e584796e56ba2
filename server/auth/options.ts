import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { database } from "@/db/client";
import { clientIp } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { kv } from "@/lib/kv";
import { DomainError } from "@/server/errors";
import { authSessionOpen, openAuthSession, revokeAuthSession, SESSION_MAX_AGE_SECONDS } from "./auth-sessions";
import { sameOriginRedirect } from "./same-origin-redirect";
import { verifyCredentials } from "./sign-in";

/** Thrown for a cookie whose sign-in has ended: next-auth then clears the cookie and answers "no session". */
class SignInEnded extends Error {
  constructor() {
    super("This sign-in has ended.");
  }
}

let cached: NextAuthOptions | undefined;

/** next-auth configuration, built on first use so `next build` needs no secrets. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: env().AUTH_SECRET,
    // Credentials sign-in requires JWT sessions; the token lives in an httpOnly cookie (Secure over https).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env().APP_URL.startsWith("https://"),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          try {
            return await verifyCredentials(database(), kv(), credentials, clientIp(req.headers ?? {}));
          } catch (error) {
            // next-auth hands the thrown message to the sign-in form as `error`.
            if (error instanceof DomainError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // Every request: a token without an open sign-in row (signed out, revoked, or from before rows existed) is refused.
      async jwt({ token, user }) {
        if (user) return { ...token, sub: user.id, sid: await openAuthSession(database(), user.id) };
        if (!token.sub || !token.sid || !(await authSessionOpen(database(), token.sid, token.sub))) throw new SignInEnded();
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        session.sessionId = token.sid;
        return session;
      },
      // callbackUrl comes from the query string or a cookie: never follow it off this origin.
      redirect: sameOriginRedirect,
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeAuthSession(database(), token.sid);
      },
    },
    logger: {
      error(code, metadata) {
        // An ended sign-in is expected, not an error worth a log line.
        if (metadata instanceof SignInEnded || (metadata as { error?: unknown })?.error instanceof SignInEnded) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
  return cached;
}
