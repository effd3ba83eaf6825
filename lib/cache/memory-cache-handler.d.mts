/** Types of the memory cache handler (memory-cache-handler.mjs), for its tests. */
export type CacheEntry = { value: Record<string, unknown>; lastModified: number; tags: string[] };

export default class MemoryCacheHandler {
  get(key: string): Promise<CacheEntry | null>;
  set(key: string, data: Record<string, unknown> | null, ctx?: { tags?: string[]; softTags?: string[] }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
