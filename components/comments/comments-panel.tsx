import { deleteCommentAction, editCommentAction, writeCommentAction } from "@/app/(workspace)/claims/[claimId]/comment-actions";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/speech";
import type { CommentDto } from "@/lib/comments/dto";
import type { MentionablePerson } from "@/lib/comments/mention-text";
import { CommentBody } from "./comment-body";
import { CommentForm, DeleteCommentForm, EditCommentForm } from "./comment-forms";

export type CommentsPanelProps = {
  claimId: string;
  /** One item's thread (the evidence page), or the claim's whole discussion. */
  evidenceId?: string;
  thread: { items: CommentDto[]; nextCursor: string | null };
  /** The people the writer may mention; empty for those who may not write. */
  people: readonly MentionablePerson[];
  actorId: string;
  canWrite: boolean;
  canModerate: boolean;
  /** On the claim's page: the items' names, so a comment on one says which. */
  itemTitles?: ReadonlyMap<string, string>;
  /** Where the next page of the thread is, and the first (when this is not it). */
  laterHref: string | null;
  firstHref: string | null;
};

/**
 * The discussion of a claim (or of one of its items): comments oldest first, each with its author
 * and time, its mentions marked; a deleted one keeps its place, saying who deleted it and why.
 * Authors edit and delete their own; an editor deletes any. Never public.
 */
export function CommentsPanel({ claimId, evidenceId, thread, people, actorId, canWrite, canModerate, itemTitles, laterHref, firstHref }: CommentsPanelProps) {
  const t = useTranslations("comments");
  const formats = useFormats();
  return (
    <section id="discussion" aria-labelledby="discussion-heading" className="space-y-3" data-testid="comments">
      <div className="space-y-1">
        <h2 id="discussion-heading">{evidenceId ? t("itemHeading") : t("heading")}</h2>
        <p className="text-sm text-stone-600">{t("intro")}</p>
      </div>
      {firstHref ? (
        <p className="text-sm">
          <Link href={firstHref}>{t("first")}</Link>
        </p>
      ) : null}
      {thread.items.length === 0 && !firstHref ? (
        <p className="rounded-lg border border-dashed border-stone-300 p-4 text-sm text-stone-600" data-testid="comments-empty">
          {evidenceId ? t("emptyItem") : t("empty")}
        </p>
      ) : (
        <ol className="space-y-3" data-testid="comment-list">
          {thread.items.map((comment) => {
            const mine = comment.author.id === actorId;
            const itemTitle = !evidenceId && comment.evidenceId ? (itemTitles?.get(comment.evidenceId) ?? comment.evidenceId.slice(0, 8)) : null;
            return (
              <li
                key={comment.id}
                id={`comment-${comment.id}`}
                className={`rounded-lg border px-4 py-3 ${comment.deleted ? "border-dashed border-stone-300 bg-stone-50" : "border-stone-200 bg-white"}`}
                data-testid="comment"
                data-comment-id={comment.id}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-sm">
                  <p>
                    <bdi className="font-medium text-stone-900">{comment.author.name}</bdi>
                    {itemTitle ? (
                      <span className="text-stone-600">
                        {" · "}
                        {t.rich("onItem", {
                          title: itemTitle,
                          item: (chunks) => (
                            <Link href={`/evidence/${comment.evidenceId}#discussion`}>
                              <bdi dir="auto">{chunks}</bdi>
                            </Link>
                          ),
                        })}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-xs text-stone-500">
                    <time dateTime={comment.createdAt}>{formats.dateTime(comment.createdAt)}</time>
                    {comment.editedAt && !comment.deleted ? (
                      <span title={formats.dateTime(comment.editedAt)} data-testid="comment-edited">
                        {" · "}
                        {t("edited")}
                      </span>
                    ) : null}
                  </p>
                </div>
                {comment.deleted ? (
                  <p className="mt-1 text-sm text-stone-600" data-testid="comment-deleted">
                    {t.rich("deletedBy", {
                      name: () => <bdi>{comment.deleted!.by.name}</bdi>,
                      reason: () => <bdi dir="auto">{comment.deleted!.reason}</bdi>,
                    })}
                  </p>
                ) : (
                  <div className="mt-1">
                    <CommentBody body={comment.body} mentioned={comment.mentions.map((m) => m.name)} />
                  </div>
                )}
                {!comment.deleted && canWrite && (mine || canModerate) ? (
                  <div className="mt-2 flex flex-wrap items-start gap-x-4 gap-y-2">
                    {mine ? (
                      <EditCommentForm
                        submit={editCommentAction.bind(null, comment.id)}
                        version={comment.version}
                        body={comment.body}
                        people={people}
                        idPrefix={`edit-${comment.id}-`}
                      />
                    ) : null}
                    <DeleteCommentForm submit={deleteCommentAction.bind(null, comment.id)} version={comment.version} idPrefix={`delete-${comment.id}-`} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {laterHref ? (
        <p className="text-sm">
          <Link href={laterHref}>{t("later")}</Link>
        </p>
      ) : null}
      {canWrite ? (
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <CommentForm submit={writeCommentAction.bind(null, claimId)} people={people} evidenceId={evidenceId} />
        </div>
      ) : null}
    </section>
  );
}
