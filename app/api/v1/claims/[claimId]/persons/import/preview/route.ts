import { apiRoute } from "@/lib/api/route";
import { json, readJson } from "@/lib/api/respond";
import { IMPORT_MAX_BYTES } from "@/lib/persons/import/schemas";
import { previewImport } from "@/lib/persons/import/preview-import";

export const POST = apiRoute<{ claimId: string }>(async ({ request, params, db, actor }) =>
  json(await previewImport(db, actor, params.claimId, (await readJson(request, IMPORT_MAX_BYTES)) as never)),
);
