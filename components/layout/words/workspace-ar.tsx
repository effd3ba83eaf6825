"use client";

import words from "@/lib/i18n/client-words/workspace.ar.json";
import { providerOf } from "./provider";

/** The workspace's client words in Arabic (lib/i18n/client-words.ts). */
export const WorkspaceWordsAr = providerOf(words);
