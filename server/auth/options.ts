import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { database } from "@/db/client";
import { clientIp } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { kv } from "@/lib/kv";
import { DomainError } from "@/server/errors";
import { verifyCredentials } from "./sign-in";

let cached: NextAuthOptions | undefined;

/** next-auth configuration, built on first use so `next build` needs no secrets. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: env().AUTH_SECRET,
    // Credentials sign-in requires JWT sessions; the token lives in an httpOnly cookie (Secure over https).
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
  return cached;
}
