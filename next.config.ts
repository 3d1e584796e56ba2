import type { NextConfig } from "next";
import { NON_PAGE_HEADERS, SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // These run in Node and load WebAssembly or native sockets; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "postgres", "ioredis", "re2-wasm"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...SECURITY_HEADERS],
      },
      // Pages get their Content-Security-Policy (with a nonce) from proxy.ts.
      { source: "/api/:path*", headers: [...NON_PAGE_HEADERS] },
      { source: "/l/:path*", headers: [...NON_PAGE_HEADERS] },
    ];
  },
};

export default nextConfig;
