"use client";

import words from "@/lib/i18n/client-words/workspace.en.json";
import { providerOf } from "./provider";

/** The workspace's client words in English (lib/i18n/client-words.ts). */
export const WorkspaceWordsEn = providerOf(words);
