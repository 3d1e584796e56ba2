export * from "./auth";
export * from "./workspaces";
export * from "./projects";
export * from "./telegram";
export * from "./inbox";
