ALTER TABLE "evidence" ADD COLUMN "metadata_notes" jsonb;--> statement-breakpoint
-- hand-written: the notes stored as English sentences become codes, which each page says in its
-- reader's language. Every sentence the extractor ever wrote is known; one that is not (none are
-- expected) is kept as it was, as a "legacy" note.
UPDATE "evidence" SET "metadata_notes" = coalesce(
  (SELECT jsonb_agg(n.note ORDER BY n.ord) FROM (VALUES
    (1, CASE WHEN "metadata_note" LIKE '%EXIF metadata is present but could not be read%' THEN '{"code":"exifUnreadable"}'::jsonb END),
    (2, CASE WHEN "metadata_note" LIKE '%No EXIF metadata: it was probably stripped%' THEN '{"code":"exifStripped"}'::jsonb END),
    (3, CASE WHEN "metadata_note" LIKE '%EXIF is present but has no camera or capture time%' THEN '{"code":"exifNoCamera"}'::jsonb END),
    (4, CASE WHEN "metadata_note" LIKE '%The capture time in EXIF is not a valid date%' THEN '{"code":"exifBadDate"}'::jsonb END),
    (5, CASE WHEN "metadata_note" LIKE '%The GPS position in EXIF is not a valid position%' THEN '{"code":"exifBadGps"}'::jsonb END),
    (6, CASE WHEN "metadata_note" LIKE '%No creation time, device or location in the container%' THEN '{"code":"avStripped"}'::jsonb END),
    (7, CASE WHEN "metadata_note" LIKE '%Some metadata was too long to keep whole%' THEN jsonb_build_object('code', 'cut', 'paths',
      to_jsonb(string_to_array(substring("metadata_note" from 'cut or left out \((.*)\)\.'), ', '))) END)
  ) AS n(ord, note) WHERE n.note IS NOT NULL),
  jsonb_build_array(jsonb_build_object('code', 'legacy', 'text', "metadata_note"))
) WHERE "metadata_note" IS NOT NULL;
