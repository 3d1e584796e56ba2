/**
 * The baseline of `npm run bench:*`: an empty route handler (parse the JSON body, answer JSON), so a
 * hot path is measured against the framework's own ceiling in the same run. Off unless DESKGRAM_BENCH=1.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (process.env.DESKGRAM_BENCH !== "1") return new Response("Not found", { status: 404 });
  await request.json();
  return Response.json({ ok: true });
}

/** The same baseline for GET routes (`npm run bench:links`): no body to read, answer JSON. */
export async function GET(): Promise<Response> {
  if (process.env.DESKGRAM_BENCH !== "1") return new Response("Not found", { status: 404 });
  return Response.json({ ok: true });
}
