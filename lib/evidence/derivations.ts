import type { MediaCategory } from "./sniff";

/** Which derived work each kind of media gets; each is one durable job. */
export function derivationsFor(category: MediaCategory | "page"): string[] {
  switch (category) {
    case "image":
      return ["metadata", "thumbnail", "phash"];
    case "video":
      return ["metadata", "thumbnail", "keyframes", "web", "low"];
    case "audio":
      return ["metadata", "web"];
    default:
      return ["metadata"];
  }
}

export function categoryOf(mediaType: string | null): MediaCategory | null {
  if (!mediaType) return null;
  if (mediaType.startsWith("video/")) return "video";
  if (mediaType.startsWith("image/")) return "image";
  if (mediaType.startsWith("audio/")) return "audio";
  if (mediaType === "application/pdf") return "pdf";
  if (mediaType === "text/html") return "html";
  if (mediaType === "text/plain") return "text";
  return "archive";
}
