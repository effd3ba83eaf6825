import { verifyAuditChainUnchecked } from "@/lib/audit/verify-chain";
import { openAppDatabase } from "./open-database";

/** Walks the whole audit chain; exits 1 when a link is broken. */
async function main() {
  const database = await openAppDatabase("the audit verifier");
  try {
    const result = await verifyAuditChainUnchecked(database.db);
    console.log(JSON.stringify({ ok: result.ok, events: result.events, head: result.head, firstBroken: result.firstBroken }, null, 2));
    if (!result.ok) {
      console.error(`Broken at event #${result.firstBroken}: ${result.problem}`);
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
