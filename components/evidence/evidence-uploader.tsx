"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { Upload } from "tus-js-client";

type Item = { key: string; name: string; size: number; sent: number; state: "waiting" | "uploading" | "paused" | "done" | "error"; message?: string };

/**
 * Files sent at once; the others wait their turn. The server takes at most 4 bodies at once from
 * one person and 20 unfinished uploads (TUS_MAX_CONCURRENT_PATCHES, TUS_MAX_OPEN_UPLOADS), so a
 * drop of 30 files must not open 30 uploads; 3 leaves room for another tab.
 */
const AT_ONCE = 3;

/** A file's size as the list shows it: "340 KB", "3.4 MB", "1.25 GB" (in the reader's digits). */
function sizeOf(bytes: number): { value: number; digits: number; unit: "KB" | "MB" | "GB" } {
  if (bytes < 1024 * 1024) return { value: Math.max(1, Math.round(bytes / 1024)), digits: 0, unit: "KB" };
  if (bytes < 1024 ** 3) return { value: bytes / 1024 ** 2, digits: 1, unit: "MB" };
  return { value: bytes / 1024 ** 3, digits: 2, unit: "GB" };
}

/** The server's reason (in the reader's language: the API answers in it), or `fallback`. */
function serverMessage(body: string | undefined, fallback: string): string {
  try {
    return (JSON.parse(body ?? "") as { error?: { message?: string } }).error?.message ?? fallback;
  } catch {
    return body?.trim() || fallback;
  }
}

/**
 * Drag in files (or choose them): each goes up over tus in 8 MB chunks with its own progress bar,
 * three at a time while the rest wait their turn.
 * A dropped connection retries, and a page reload resumes an unfinished upload of the same file
 * where it stopped instead of starting over.
 */
export function EvidenceUploader({ claimId }: { claimId: string }) {
  const t = useTranslations("evidence.uploader");
  const format = useFormatter();
  const formatSize = (bytes: number) => {
    const { value, digits, unit } = sizeOf(bytes);
    return t("size", { value: format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }), unit });
  };
  const uploadFailed = t("failed");
  const router = useRouter();
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const uploads = useRef(new Map<string, Upload>());

  const update = useCallback((key: string, patch: Partial<Item>) => {
    setItems((current) => current.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }, []);

  // Keys waiting their turn, and those sending now (refs: the tus callbacks outlive renders).
  const waiting = useRef<string[]>([]);
  const sending = useRef(new Set<string>());

  const pump = useCallback(() => {
    while (sending.current.size < AT_ONCE && waiting.current.length > 0) {
      const key = waiting.current.shift()!;
      const upload = uploads.current.get(key);
      if (!upload) continue;
      sending.current.add(key);
      update(key, { state: "uploading", message: undefined });
      upload.findPreviousUploads().then((previous) => {
        if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      });
    }
  }, [update]);

  const finished = useCallback(
    (key: string) => {
      sending.current.delete(key);
      pump();
    },
    [pump],
  );

  const start = useCallback(
    (files: FileList | File[]) => {
      for (const file of Array.from(files)) {
        const key = `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`;
        setItems((current) => [...current, { key, name: file.name, size: file.size, sent: 0, state: "waiting" }]);
        const upload = new Upload(file, {
          endpoint: "/api/v1/uploads",
          chunkSize: 8 * 1024 * 1024,
          retryDelays: [0, 1000, 3000, 5000, 10000],
          metadata: { claimId, filename: file.name },
          removeFingerprintOnSuccess: true,
          onProgress: (sent) => update(key, { sent }),
          onError: (error) => {
            const body = (error as { originalResponse?: { getBody(): string } }).originalResponse?.getBody();
            update(key, { state: "error", message: serverMessage(body, uploadFailed) });
            finished(key);
          },
          onSuccess: () => {
            update(key, { state: "done", sent: file.size });
            finished(key);
            router.refresh();
          },
        });
        uploads.current.set(key, upload);
        waiting.current.push(key);
      }
      pump();
    },
    [claimId, router, update, pump, finished, uploadFailed],
  );

  const toggle = (key: string, state: Item["state"]) => {
    const upload = uploads.current.get(key);
    if (!upload) return;
    if (state === "uploading") {
      void upload.abort();
      update(key, { state: "paused" });
      finished(key);
    } else if (state === "paused") {
      waiting.current.push(key);
      update(key, { state: "waiting", message: undefined });
      pump();
    }
  };

  return (
    <div className="space-y-3">
      {/* A label around the file input: one control, named by its visible words; Tab reaches the
          input and Enter or Space opens the file chooser, as a click on the zone does. */}
      <label
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (e.dataTransfer.files.length) start(e.dataTransfer.files);
        }}
        className={`block cursor-pointer rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-teal-700 has-[:focus-visible]:ring-offset-2 ${
          dragging ? "border-teal-700 bg-teal-50 text-teal-900" : "border-stone-300 bg-stone-50 text-stone-600 hover:border-stone-400"
        }`}
      >
        <span className="block font-medium text-stone-800">{t("drop")}</span>
        <span className="mt-1 block text-xs">{t("accepts")}</span>
        <input
          type="file"
          multiple
          className="sr-only"
          data-testid="file-input"
          onChange={(e) => {
            if (e.target.files?.length) start(e.target.files);
            e.target.value = "";
          }}
        />
      </label>
      {items.length > 0 ? (
        <ul className="space-y-2" aria-label={t("listLabel")}>
          {items.map((item) => {
            const percent = item.size ? Math.floor((item.sent / item.size) * 100) : 100;
            return (
              <li key={item.key} className="rounded-md border border-stone-200 bg-white p-3 text-sm" data-testid="upload-item">
                <div className="flex items-center justify-between gap-3">
                  <span className="min-w-0 truncate font-medium" dir="auto">{item.name}</span>
                  <span className="shrink-0 text-xs text-stone-500">
                    {item.state === "done"
                      ? t("preserved")
                      : item.state === "error"
                        ? t("failedShort")
                        : item.state === "waiting"
                          ? t("waiting", { size: formatSize(item.size) })
                          : t("progress", { percent, size: formatSize(item.size) })}
                  </span>
                </div>
                <progress
                  className="mt-2 h-2 w-full overflow-hidden rounded [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-teal-700"
                  max={100}
                  value={percent}
                  aria-label={t("uploadOf", { name: item.name })}
                />
                {item.message ? <p className="mt-1 text-xs text-rose-700" data-testid="upload-error">{item.message}</p> : null}
                {item.state === "uploading" || item.state === "paused" ? (
                  <button type="button" className="mt-1 text-xs text-teal-800 hover:underline" onClick={() => toggle(item.key, item.state)}>
                    {item.state === "uploading" ? t("pause") : t("resume")}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

