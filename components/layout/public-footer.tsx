import { getDb } from "@/db/client";
import { readAuditHead } from "@/lib/audit/verify-chain";

/** Shows the audit chain's head so outsiders can pin it and later check the log has not changed. */
export async function PublicFooter() {
  const head = await readAuditHead(await getDb());
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-4xl space-y-1 px-4 py-6 text-xs text-stone-600">
        <p>Every published statement is traced to preserved, hashed evidence and reviewed by two people.</p>
        {head ? (
          <p>
            Audit chain head (event #{head.seq}, read {new Date().toISOString().slice(0, 16).replace("T", " ")} UTC):{" "}
            <span className="break-all font-mono" data-testid="public-head-hash">{head.hash}</span>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
