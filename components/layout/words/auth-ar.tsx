"use client";

import words from "@/lib/i18n/client-words/auth.ar.json";
import { providerOf } from "./provider";

/** The sign-in pages' client words in Arabic (lib/i18n/client-words.ts). */
export const AuthWordsAr = providerOf(words);
