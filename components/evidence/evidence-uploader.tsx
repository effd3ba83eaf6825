"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type ChangeEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import type { Upload } from "tus-js-client";

type Item = {
  key: string;
  name: string;
  size: number;
  sent: number;
  /**
   * "staged": chosen before its claim exists (the new-claim form), sent once it does. "offline":
   * the connection is gone; it goes on by itself when it is back.
   */
  state: "staged" | "waiting" | "uploading" | "paused" | "offline" | "done" | "error";
  message?: string;
};

/** How the files chosen stand, for a form that waits on them (the new-claim form goes on to the claim once all are preserved). */
export type UploadTally = { staged: number; sending: number; done: number; failed: number };

/**
 * Files sent at once; the others wait their turn. The server takes at most 4 bodies at once from
 * one person and 20 unfinished uploads (TUS_MAX_CONCURRENT_PATCHES, TUS_MAX_OPEN_UPLOADS), so a
 * drop of 30 files must not open 30 uploads; 3 leaves room for another tab.
 */
const AT_ONCE = 3;

/** While files wait for the network, how often to look whether it is back (the browser's "online" may never come when only the server was out of reach). */
const RECHECK_MS = 5_000;

/**
 * tus-js-client, fetched once a file is chosen or, while the page is idle, once the drop zone is
 * on the screen: a page that may send nothing (a claim read on a phone) does not wait for it. A
 * failed fetch (the network gone) is tried again.
 */
let tusClient: Promise<typeof import("tus-js-client")> | null = null;
function loadTus() {
  tusClient ??= import("tus-js-client").catch((error: unknown) => {
    tusClient = null;
    throw error;
  });
  return tusClient;
}

/** A failure of the connection, not an answer: nothing came back, or the browser knows it is offline. */
function lostConnection(error: unknown): boolean {
  if (typeof navigator !== "undefined" && !navigator.onLine) return true;
  const response = (error as { originalResponse?: { getStatus(): number } | null }).originalResponse;
  return !response || response.getStatus() === 0;
}

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
 * A dropped connection retries; a connection gone for longer leaves the file "waiting for the
 * network", and it goes on by itself where it stopped when the network is back or the tab wakes. A
 * file the server refused can be tried again, and a page reload resumes an unfinished upload of
 * the same file to the same claim where it stopped instead of starting over (unless the person
 * keeps nothing on the device: then the upload's address is kept only in the page).
 * On a phone, a second button opens the camera.
 *
 * On a claim's page the files go up at once. On the new-claim form there is no claim yet
 * (`claimId` null): the files chosen are listed, and go up when the form's action has made the
 * claim and hands its id down.
 */
export function EvidenceUploader({ claimId, onTally, onStaged, refreshOnUpload = true, keepOnDevice = true }: {
  claimId: string | null;
  /** Told whenever the tally changes. */
  onTally?: (tally: UploadTally) => void;
  /** Told which files are chosen and wait for the claim (the new-claim form keeps their names with its draft). */
  onStaged?: (files: { name: string; size: number }[]) => void;
  /** Whether the device may keep an unfinished upload's address for a reload (the person's device-drafts setting). */
  keepOnDevice?: boolean;
  /** Re-read the page after each file (a claim's page lists the new item); the new-claim form has nothing to show yet. */
  refreshOnUpload?: boolean;
}) {
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
  const files = useRef(new Map<string, File>());
  const idBase = useId();
  const made = useRef(0);

  const update = useCallback((key: string, patch: Partial<Item>) => {
    setItems((current) => current.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }, []);

  // Keys chosen before the claim exists, waiting their turn, and sending now (refs: the tus
  // callbacks outlive renders). The claim's id too: `start` and `pump` read the current one.
  const staged = useRef<string[]>([]);
  const waiting = useRef<string[]>([]);
  const stalled = useRef<string[]>([]);
  const sending = useRef(new Set<string>());
  const claim = useRef(claimId);
  const afterUpload = useRef<() => void>(() => {});
  useEffect(() => {
    afterUpload.current = refreshOnUpload ? () => router.refresh() : () => {};
  }, [refreshOnUpload, router]);

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

  /**
   * The file's upload to `claimId`, made once (when the tus client has loaded); `waiting` takes its
   * key. Without the network to load the client, the file waits for it like an upload cut short.
   */
  const preparing = useRef(new Map<string, string>());
  const prepare = useCallback(
    (key: string, claimId: string) => {
      const file = files.current.get(key);
      if (!file || uploads.current.has(key)) return;
      preparing.current.set(key, claimId);
      loadTus().then(
        ({ Upload }) => {
          if (!preparing.current.delete(key) || !files.current.has(key)) return;
          uploads.current.set(
        key,
        new Upload(file, {
          endpoint: "/api/v1/uploads",
          chunkSize: 8 * 1024 * 1024,
          retryDelays: [0, 1000, 3000, 5000, 10000],
          metadata: { claimId, filename: file.name },
          // The claim is part of what a resumed upload must match: tus's own fingerprint (name,
          // type, size, date) would resume a file left unfinished on one claim when it is sent to
          // another, and its bytes would land on the first.
          fingerprint: async (f: File) => ["corroborate", claimId, f.name, f.type, f.size, f.lastModified].join("/"),
          removeFingerprintOnSuccess: true,
          storeFingerprintForResuming: keepOnDevice,
          onProgress: (sent) => update(key, { sent }),
          onError: (error) => {
            if (lostConnection(error)) {
              // Not a refusal: the file waits for the network and goes on where it stopped.
              stalled.current.push(key);
              update(key, { state: "offline", message: undefined });
              finished(key);
              return;
            }
            const body = (error as { originalResponse?: { getBody(): string } }).originalResponse?.getBody();
            update(key, { state: "error", message: serverMessage(body, uploadFailed) });
            finished(key);
          },
          onSuccess: () => {
            update(key, { state: "done", sent: file.size });
            finished(key);
            afterUpload.current();
          },
        }),
          );
          waiting.current.push(key);
          pump();
        },
        () => {
          stalled.current.push(key);
          update(key, { state: "offline", message: undefined });
        },
      );
    },
    [update, finished, uploadFailed, keepOnDevice, pump],
  );

  // Loaded while the page is idle once the drop zone is on the screen, so the first file does not
  // wait for it, and a page read without sending (a claim's page on a phone) neither fetches nor runs it.
  const zone = useRef<HTMLLabelElement>(null);
  useEffect(() => {
    const target = zone.current;
    if (!target) return;
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 2_000));
    const near = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      near.disconnect();
      idle(() => void loadTus().catch(() => {}));
    });
    near.observe(target);
    return () => near.disconnect();
  }, []);

  // The files waiting for the network go on when it is back, when the tab wakes, and (the server
  // may have been out of reach with the network up) every few seconds while any waits.
  const hasStalled = items.some((i) => i.state === "offline");
  useEffect(() => {
    if (!hasStalled) return;
    const resume = () => {
      if (!navigator.onLine || stalled.current.length === 0) return;
      const keys = stalled.current.splice(0);
      setItems((current) => current.map((i) => (keys.includes(i.key) ? { ...i, state: "waiting" } : i)));
      for (const key of keys) {
        // Stopped before its upload was made (the client could not be loaded): made now.
        const claimId = preparing.current.get(key);
        if (claimId !== undefined) prepare(key, claimId);
        else waiting.current.push(key);
      }
      pump();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") resume();
    };
    window.addEventListener("online", resume);
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(resume, RECHECK_MS);
    return () => {
      window.removeEventListener("online", resume);
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, [hasStalled, pump, prepare]);

  const start = useCallback(
    (chosen: FileList | File[]) => {
      for (const file of Array.from(chosen)) {
        // Also the id its buttons are described by: no spaces, unlike a file's name.
        const key = `${idBase}-upload-${(made.current += 1)}`;
        files.current.set(key, file);
        setItems((current) => [...current, { key, name: file.name, size: file.size, sent: 0, state: claim.current ? "waiting" : "staged" }]);
        if (claim.current) prepare(key, claim.current);
        else staged.current.push(key);
      }
      pump();
    },
    [prepare, pump, idBase],
  );

  // The claim now exists: the files chosen before it go up.
  useEffect(() => {
    claim.current = claimId;
    if (!claimId || staged.current.length === 0) return;
    const keys = staged.current.splice(0);
    for (const key of keys) prepare(key, claimId);
    setItems((current) => current.map((i) => (keys.includes(i.key) ? { ...i, state: "waiting" } : i)));
    pump();
  }, [claimId, prepare, pump]);

  const remove = (key: string) => {
    staged.current = staged.current.filter((k) => k !== key);
    files.current.delete(key);
    setItems((current) => current.filter((i) => i.key !== key));
  };

  const retry = (key: string) => {
    waiting.current.push(key);
    update(key, { state: "waiting", message: undefined });
    pump();
  };

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

  const count = (...states: Item["state"][]) => items.filter((i) => states.includes(i.state)).length;
  const tally: UploadTally = { staged: count("staged"), sending: count("waiting", "uploading", "paused", "offline"), done: count("done"), failed: count("error") };
  const stagedFiles = JSON.stringify(items.filter((i) => i.state === "staged").map((i) => ({ name: i.name, size: i.size })));
  const toldStaged = useRef(onStaged);
  useEffect(() => {
    toldStaged.current = onStaged;
  }, [onStaged]);
  useEffect(() => {
    toldStaged.current?.(JSON.parse(stagedFiles) as { name: string; size: number }[]);
  }, [stagedFiles]);
  const told = useRef(onTally);
  useEffect(() => {
    told.current = onTally;
  }, [onTally]);
  useEffect(() => {
    told.current?.({ staged: tally.staged, sending: tally.sending, done: tally.done, failed: tally.failed });
  }, [tally.staged, tally.sending, tally.done, tally.failed]);

  /** Files chosen in either input (the zone's, the camera's): sent, and the input emptied for the next choice. */
  const chosen = (e: ChangeEvent<HTMLInputElement>) => {
    if (e.target.files?.length) start(e.target.files);
    e.target.value = "";
  };

  return (
    <div className="space-y-3">
      {/* A label around the file input: one control, named by its visible words; Tab reaches the
          input and Enter or Space opens the file chooser, as a click on the zone does. */}
      <label
        ref={zone}
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
          onChange={chosen}
        />
      </label>
      {/* On a touch screen: straight to the camera (the zone above opens the gallery and the files). */}
      <label className="hidden min-h-11 cursor-pointer items-center justify-center gap-2 rounded-md border border-stone-300 bg-white px-4 text-sm font-medium text-stone-800 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-teal-700 pointer-coarse:flex" data-testid="camera-button">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round">
          <path d="M3 6.5h3l1.5-2h5l1.5 2h3v9H3z" />
          <circle cx="10" cy="11" r="3" />
        </svg>
        {t("camera")}
        <input
          type="file"
          accept="image/*,video/*"
          capture="environment"
          className="sr-only"
          data-testid="camera-input"
          onChange={chosen}
        />
      </label>
      {items.length > 0 ? (
        <ul className="space-y-2" aria-label={t("listLabel")}>
          {items.map((item) => {
            const percent = item.size ? Math.floor((item.sent / item.size) * 100) : 100;
            return (
              <li key={item.key} className="rounded-md border border-stone-200 bg-white p-3 text-sm" data-testid="upload-item" data-state={item.state}>
                <div className="flex items-center justify-between gap-3">
                  <span id={`${item.key}-name`} className="min-w-0 truncate font-medium" dir="auto">{item.name}</span>
                  <span className="shrink-0 text-xs text-stone-500">
                    {item.state === "staged"
                      ? t("staged", { size: formatSize(item.size) })
                      : item.state === "done"
                      ? t("preserved")
                      : item.state === "error"
                        ? t("failedShort")
                        : item.state === "offline"
                          ? t("offline", { percent, size: formatSize(item.size) })
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
                {item.state === "staged" ? (
                  <button type="button" className="mt-1 text-xs text-teal-800 hover:underline" aria-describedby={`${item.key}-name`} onClick={() => remove(item.key)}>
                    {t("remove")}
                  </button>
                ) : null}
                {item.state === "error" ? (
                  <button type="button" className="mt-1 text-xs text-teal-800 hover:underline" aria-describedby={`${item.key}-name`} onClick={() => retry(item.key)}>
                    {t("retry")}
                  </button>
                ) : null}
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

