/**
 * `npm run i18n:client-words`: writes the client components' words of each root and language
 * (lib/i18n/client-words.ts) from the catalogues.
 */
import fs from "node:fs";
import path from "node:path";
import { clientWordFiles } from "./client-words";

for (const { file, text } of clientWordFiles()) {
  const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  if (before === text) continue;
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
