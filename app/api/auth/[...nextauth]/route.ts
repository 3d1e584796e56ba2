import NextAuth from "next-auth";
import { env } from "@/lib/env";
import { refuseCrossSite } from "@/lib/http/refuse-cross-site";
import { authOptions } from "@/server/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request (cached) so building the app needs no secrets.
function handler(request: Request, context: RouteContext) {
  // Only our own pages post here; an OAuth provider posting back (Apple's form_post) would need an exception.
  const refused = refuseCrossSite(request, env().APP_URL);
  if (refused) return refused;
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
