import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "@/lib/env";
import { BodyTooLargeError, readLimitedBody } from "@/lib/http/limit-body";
import { refuseCrossSite } from "@/lib/http/refuse-cross-site";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/context";

async function handler(request: Request) {
  const refused = refuseCrossSite(request, env().APP_URL);
  if (refused) return refused;
  let req = request;
  if (request.method === "POST") {
    try {
      const body = await readLimitedBody(request);
      req = new Request(request.url, { method: "POST", headers: request.headers, body: body as BodyInit });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return Response.json({ error: error.message }, { status: 413 });
      throw error;
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req.headers),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
