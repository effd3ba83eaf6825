import { commentSegments } from "@/lib/comments/mention-text";

/** A comment's text as written: links made links (opened apart, never followed by search engines), its recorded mentions marked. */
export function CommentBody({ body, mentioned }: { body: string; mentioned: readonly string[] }) {
  return (
    <p dir="auto" className="whitespace-pre-wrap break-words text-sm text-stone-800" data-testid="comment-body">
      {commentSegments(body, mentioned).map((segment, i) =>
        "link" in segment ? (
          <a key={i} href={segment.link} rel="noopener noreferrer nofollow ugc" target="_blank" className="[overflow-wrap:anywhere]">
            {segment.link}
          </a>
        ) : "mention" in segment ? (
          <bdi key={i} className="rounded bg-teal-50 px-0.5 font-medium text-teal-900" data-testid="comment-mention">
            {segment.mention}
          </bdi>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
