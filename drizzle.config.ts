import { defineConfig } from "drizzle-kit";

// Used only to generate migrations (`npm run db:generate`); it never connects to a database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
