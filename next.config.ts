import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These run in Node and load WebAssembly or native sockets; bundling them breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "postgres", "ioredis"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
