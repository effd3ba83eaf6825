"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";

/**
 * What a device keeps of the workspace, by the keys it is kept under: a claim being written (ours)
 * and the resumable uploads' addresses, which name the claim and the file (tus-js-client's). All of
 * it goes at sign-out, and none of it is kept for a person who turned device drafts off.
 */
const DRAFT_PREFIX = "corroborate.draft.";
/** When someone last signed out in this browser: a page open since (another tab) keeps nothing more. */
const SIGNED_OUT_AT = "corroborate.signedOutAt";
/** When this page's scripts started: a sign-out after it ends this page's keeping. */
const PAGE_STARTED = Date.now();
const UPLOAD_PREFIX = "tus::";

/** A claim being written, as the device keeps it until it is sent. */
export type DeviceDraft = {
  /** The form's fields by name, as typed. */
  values: Record<string, string>;
  /** The files chosen for it and not yet sent: a browser cannot keep a file, so the person is told to choose them again. */
  files: { name: string; size: number }[];
  savedAt: string;
};

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage refused (a private window's setting, a full disk): nothing is kept, nothing fails.
    return null;
  }
}

function keysOf(store: Storage, prefix: string): string[] {
  return Array.from({ length: store.length }, (_, i) => store.key(i)).filter((key): key is string => key !== null && key.startsWith(prefix));
}

/** Set at sign-out: this page keeps nothing more (a form's last save as the page goes would write its draft again). */
let signedOut = false;

/**
 * Everything this browser kept for the workspace, for anyone: on the sign-in page, and at
 * sign-out (`signingOut`), after which this page saves nothing more.
 */
export function forgetDeviceDrafts({ signingOut = false } = {}): void {
  if (signingOut) signedOut = true;
  const store = storage();
  if (!store) return;
  for (const key of [...keysOf(store, DRAFT_PREFIX), ...keysOf(store, UPLOAD_PREFIX)]) store.removeItem(key);
  if (signingOut) {
    try {
      store.setItem(SIGNED_OUT_AT, String(Date.now()));
    } catch {
      // Full: this page stops keeping all the same.
    }
  }
}

/** Whether someone signed out here after this page started (in this tab or another). */
function signedOutSince(store: Storage): boolean {
  return signedOut || Number(store.getItem(SIGNED_OUT_AT) ?? 0) >= PAGE_STARTED;
}

/** A random UUID, also where `crypto.randomUUID` is not offered (a page served over plain HTTP). */
export function newSubmissionKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The form's named controls a draft keeps: what the person typed or chose, not what the form adds. */
function fieldsOf(form: HTMLFormElement): (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[] {
  return Array.from(form.elements).filter(
    (el): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
      el.name !== "" &&
      !el.name.startsWith("$") &&
      !(el instanceof HTMLInputElement && (el.type === "file" || (el.type === "hidden" && el.name !== "submissionKey"))),
  );
}

function read(key: string): DeviceDraft | null {
  try {
    const text = storage()?.getItem(key);
    if (!text) return null;
    const draft = JSON.parse(text) as Partial<DeviceDraft>;
    if (typeof draft.values !== "object" || draft.values === null || typeof draft.savedAt !== "string" || Number.isNaN(Date.parse(draft.savedAt))) return null;
    const values = Object.fromEntries(Object.entries(draft.values).filter((e): e is [string, string] => typeof e[1] === "string"));
    const files = Array.isArray(draft.files) ? draft.files.filter((f) => typeof f?.name === "string" && typeof f?.size === "number") : [];
    return { values, files, savedAt: draft.savedAt };
  } catch {
    return null;
  }
}

/**
 * The new-claim form kept on the device while it is written (`keep`), under the person's own key:
 * saved as it changes, filled back in after a reload or a lost connection (with the files it had
 * chosen named, to be chosen again), forgotten once the claim is sent or the person discards it.
 * With `keep` off, nothing is saved and what was is forgotten. Not `active` (another form): nothing at all.
 */
export function useDeviceDraft(form: RefObject<HTMLFormElement | null>, { ownerId, keep, name, active }: { ownerId: string; keep: boolean; name: string; active: boolean }) {
  const key = `${DRAFT_PREFIX}${ownerId}.${name}`;
  const [restored, setRestored] = useState<DeviceDraft | null>(null);
  const files = useRef<{ name: string; size: number }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Nothing is saved before what was kept has been filled in: the children's effects run first
  // (the uploader tells its empty file list as it appears), and would write the empty form over the draft.
  const filledIn = useRef(false);

  const save = useCallback(() => {
    const el = form.current;
    const store = storage();
    if (!active || !keep || !el || !store || !filledIn.current || signedOutSince(store)) return;
    const values = Object.fromEntries(fieldsOf(el).flatMap((field) => {
      if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) return field.checked ? [[field.name, field.value]] : [];
      return [[field.name, field.value]];
    }));
    const draft: DeviceDraft = { values, files: files.current, savedAt: new Date().toISOString() };
    try {
      store.setItem(key, JSON.stringify(draft));
    } catch {
      // Full: the form still works, it is only not kept.
    }
  }, [form, keep, key, active]);

  const saveSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(save, 300);
  }, [save]);

  // Once, as the form appears: fill in what the device kept (or, with drafts off, forget it).
  useEffect(() => {
    const el = form.current;
    if (!el || !active) return;
    if (!keep) {
      forgetDeviceDrafts();
      return;
    }
    filledIn.current = true;
    const draft = read(key);
    if (!draft) return;
    for (const field of fieldsOf(el)) {
      // The submission key is the form's state (it takes it from `restored`).
      if (field.name === "submissionKey") continue;
      const value = draft.values[field.name];
      if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) field.checked = value === field.value;
      else if (value !== undefined) field.value = value;
    }
    files.current = draft.files;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- read once from the device, which the server cannot see
    setRestored(draft);
  }, [form, keep, key, active]);

  useEffect(() => {
    const el = form.current;
    if (!el || !keep || !active) return;
    el.addEventListener("input", saveSoon);
    el.addEventListener("change", saveSoon);
    // A tab put away (a phone locked, another app opened) may never come back: saved now.
    const onHide = () => {
      if (document.visibilityState === "hidden") save();
    };
    document.addEventListener("visibilitychange", onHide);
    return () => {
      el.removeEventListener("input", saveSoon);
      el.removeEventListener("change", saveSoon);
      document.removeEventListener("visibilitychange", onHide);
      clearTimeout(timer.current);
    };
  }, [form, keep, save, saveSoon, active]);

  return {
    restored,
    /** The files chosen and not yet sent, kept by name with the draft. */
    setFiles: useCallback(
      (chosen: { name: string; size: number }[]) => {
        if (JSON.stringify(chosen) === JSON.stringify(files.current)) return;
        files.current = chosen;
        save();
      },
      [save],
    ),
    /** Saved at once (before a send that may be lost). */
    save,
    /** The claim is made (or the draft discarded): nothing of it stays on the device. */
    forget: useCallback(() => {
      clearTimeout(timer.current);
      storage()?.removeItem(key);
      files.current = [];
      setRestored(null);
    }, [key]),
  };
}
