-- hand-written: videos and audio stored before working copies existed get their jobs (web and low for video, web for audio), as new ones do at intake.
INSERT INTO "jobs" ("kind", "evidence_id")
SELECT k.kind, e.id
FROM "evidence" e
CROSS JOIN (VALUES ('web'), ('low')) AS k(kind)
WHERE e.blob_sha256 IS NOT NULL
  AND (e.media_type LIKE 'video/%' OR (e.media_type LIKE 'audio/%' AND k.kind = 'web'))
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "evidence" SET "processing" = '{"web": "pending", "low": "pending"}'::jsonb || "processing"
WHERE blob_sha256 IS NOT NULL AND media_type LIKE 'video/%';
--> statement-breakpoint
UPDATE "evidence" SET "processing" = '{"web": "pending"}'::jsonb || "processing"
WHERE blob_sha256 IS NOT NULL AND media_type LIKE 'audio/%';
