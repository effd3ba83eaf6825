"use client";

import words from "@/lib/i18n/client-words/auth.en.json";
import { providerOf } from "./provider";

/** The sign-in pages' client words in English (lib/i18n/client-words.ts). */
export const AuthWordsEn = providerOf(words);
