/** Types of the memory cache handler (memory-cache-handler.mjs), for its tests and lib/cache/shared-invalidation.ts. */
export type CacheEntry = { value: Record<string, unknown>; lastModified: number; tags: string[] };

export type CacheControl = {
  dropTags(tags: string | string[]): void;
  dropAll(): void;
  setBypass(on: boolean): void;
  isBypassed(): boolean;
};

export function cacheControl(): CacheControl;

export default class MemoryCacheHandler {
  get(key: string): Promise<CacheEntry | null>;
  set(key: string, data: Record<string, unknown> | null, ctx?: { tags?: string[]; softTags?: string[] }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
