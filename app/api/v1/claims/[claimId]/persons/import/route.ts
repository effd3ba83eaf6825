import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { commitImport } from "@/lib/persons/import/commit-import";
import { IMPORT_MAX_BYTES } from "@/lib/persons/import/schemas";

export const POST = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await commitImport(db, actor, params.claimId, (await readJson(request, IMPORT_MAX_BYTES)) as never), 201),
);
