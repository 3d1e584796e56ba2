import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "eslint-config-next";
import nextTs from "eslint-config-next/typescript";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const NO_DATABASE_IN_BROWSER = "Browser code must not load the database schema: import plain constants from lib/ instead.";
const DATABASE_MODULE = /^(@\/|(\.\.\/)+)db(\/|$)/;
const SERVER_MODULE = /^(@\/|(\.\.\/)+)(server|app|components)(\/|$)/;
/** Tests and their helpers may reach across folders (a fixture signs up through the API); product code may not. */
const TEST_SUPPORT = [
  "**/*.test.ts",
  "**/test-fixtures.ts",
  "server/{testing,bench}/**",
];
const TEST_SUPPORT_PATH = /(\.test\.ts|\/test-fixtures\.ts)$|^server\/(testing|bench)\//;

/** `import … from "@/db/…"` in a module that starts with "use client" (its imports end up in the browser). */
const noDatabaseInClientModules = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const isClient = context.sourceCode.ast.body.some((node) => node.directive === "use client");
    if (!isClient) return {};
    return {
      ImportDeclaration(node) {
        if (DATABASE_MODULE.test(node.source.value)) context.report({ node, message: NO_DATABASE_IN_BROWSER });
      },
    };
  },
};

/** The server/<capability> folder of a file (null for server/errors.ts and anything outside server/). */
function capabilityOfFile(file) {
  const [top, folder, ...rest] = path.relative(ROOT, file).split(path.sep);
  return top === "server" && rest.length ? folder : null;
}

/** The server/<capability> folder a module specifier of `fromFile` points into ("@/…" or relative), or null. */
function capabilityOf(fromFile, specifier) {
  if (specifier.startsWith("@/")) return capabilityOfFile(path.join(ROOT, specifier.slice(2)));
  return specifier.startsWith(".") ? capabilityOfFile(path.resolve(path.dirname(fromFile), specifier)) : null;
}

/** Which capability folders import which, read once per lint run from the import lines of server/ (tests left out). */
let capabilityEdges;
function importsBetweenCapabilities() {
  if (capabilityEdges) return capabilityEdges;
  capabilityEdges = new Map();
  for (const entry of readdirSync(path.join(ROOT, "server"), { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const repoPath = path.relative(ROOT, file).split(path.sep).join("/");
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || TEST_SUPPORT_PATH.test(repoPath)) continue;
    const from = capabilityOfFile(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      const to = capabilityOf(file, specifier);
      if (from && to && to !== from) capabilityEdges.set(from, (capabilityEdges.get(from) ?? new Set()).add(to));
    }
  }
  return capabilityEdges;
}

/** The chain of folders by which `from` imports `to` (directly or through others), or null. */
function importChain(from, to) {
  const edges = importsBetweenCapabilities();
  const cameFrom = new Map([[from, null]]);
  for (const queue = [from]; queue.length;) {
    const folder = queue.shift();
    if (folder === to) {
      const chain = [];
      for (let at = to; at; at = cameFrom.get(at)) chain.unshift(`server/${at}`);
      return chain;
    }
    for (const next of edges.get(folder) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, folder);
      queue.push(next);
    }
  }
  return null;
}

/** An import from server/A into server/B while server/B already imports server/A (directly or through other folders). */
const oneWayCapabilities = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const from = capabilityOfFile(context.filename);
    if (!from) return {};
    const check = (node) => {
      const to = node.source && typeof node.source.value === "string" ? capabilityOf(context.filename, node.source.value) : null;
      const back = to && to !== from ? importChain(to, from) : null;
      if (back)
        context.report({
          node,
          message: `server/${from} imports server/${to}, which imports it back (${back.join(" → ")}): move the shared piece down to db/, lib/ or the lower folder, or pass it in from the caller.`,
        });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

const deskgram = {
  rules: { "no-database-in-client-modules": noDatabaseInClientModules, "one-way-capabilities": oneWayCapabilities },
};

const config = [
  ...next,
  ...nextTs,
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "db/**/*.ts", "lib/**/*.ts", "server/**/*.ts"],
    plugins: { "import-x": importX, deskgram },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      // No module imports itself through others; type-only imports are erased and do not count.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "deskgram/no-database-in-client-modules": "error",
    },
  },
  {
    // Capability folders depend on each other one way; shared low-level pieces live in db/ and lib/.
    files: ["server/**/*.ts"],
    ignores: TEST_SUPPORT,
    plugins: { deskgram },
    rules: { "deskgram/one-way-capabilities": "error" },
  },
  {
    // lib/ and db/ sit below the domain: they never import server/, app/ or components/.
    files: ["lib/**/*.ts", "db/**/*.ts"],
    ignores: TEST_SUPPORT,
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: SERVER_MODULE.source, message: "lib/ and db/ sit below server/." }] },
      ],
    },
  },
  {
    // Components never touch the database. app/ route handlers and server pages may (through db/client),
    // so there only "use client" modules are checked (deskgram/no-database-in-client-modules).
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: DATABASE_MODULE.source, message: NO_DATABASE_IN_BROWSER }] }],
    },
  },
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];
export default config;
