import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

export const GET = apiRoute(async ({ db, actor }) => {
  const { ok, events, head, firstBroken, problem } = await verifyAuditChain(db, actor);
  return json({ ok, events, head, firstBroken, problem });
});
