export * from "./enums";
export * from "./users";
export * from "./claims";
export * from "./publishing";
export * from "./audit";
export * from "./evidence";
export * from "./sources";
