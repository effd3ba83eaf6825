import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-events";
import type { AppError } from "@/lib/errors/app-error";
import { TEST_DRIVERS } from "@/lib/test/databases";
import { useTestWorld } from "@/lib/test/world";
import { createView } from "./create-view";
import { deleteView } from "./delete-view";
import { listViews } from "./list-views";
import { VIEWS_PER_PERSON } from "./schemas";

const refusal = (p: Promise<unknown>) => p.then(() => "done", (e: AppError) => `${e.code}${e.details?.guard ? `:${e.details.guard}` : ""}`);

describe.each(TEST_DRIVERS)("saved views on %s", (driver) => {
  const world = useTestWorld(driver, { roles: ["submitter", "reviewer", "editor", "admin"], actors: { colleague: "reviewer" } });

  it("a personal view is its owner's alone; a shared one is the team's to see, its owner's or an editor's to delete", async () => {
    const { db } = world;
    const personal = await createView(db, world.reviewer, { name: "My spam sweep", filters: { state: "triage", q: "advert", order: "waiting" } });
    const shared = await createView(db, world.reviewer, { name: "Team: Latakia videos", filters: { state: "corroboration", kind: "video" }, shared: true });
    expect(personal).toMatchObject({ name: "My spam sweep", shared: false, mine: true, canDelete: true, filters: { state: "triage", q: "advert", order: "waiting" } });

    const names = async (actor: Parameters<typeof listViews>[1]) => (await listViews(db, actor)).items.map((v) => `${v.name}${v.shared ? " (shared)" : ""}`);
    // The owner's own first, then the team's.
    const theirs = await createView(db, world.colleague, { name: "A colleague's own", filters: { state: "review" } });
    expect(await names(world.reviewer)).toEqual(["My spam sweep", "Team: Latakia videos (shared)"]);
    expect(await names(world.colleague)).toEqual(["A colleague's own", "Team: Latakia videos (shared)"]);
    expect(await names(world.editor)).toEqual(["Team: Latakia videos (shared)"]);
    expect(await names(world.admin)).toEqual(["Team: Latakia videos (shared)"]);
    expect(await refusal(listViews(db, world.submitter))).toBe("FORBIDDEN");
    const seenByEditor = (await listViews(db, world.editor)).items[0];
    expect(seenByEditor).toMatchObject({ mine: false, canDelete: true, owner: { id: world.reviewer.id, name: world.reviewer.name } });
    expect((await listViews(db, world.colleague)).items[1]).toMatchObject({ mine: false, canDelete: false });

    // Another's personal view cannot be found, even by an editor; another's shared view is refused to a reviewer and an admin.
    expect(await refusal(deleteView(db, world.colleague, personal.id))).toBe("NOT_FOUND");
    expect(await refusal(deleteView(db, world.editor, personal.id))).toBe("NOT_FOUND");
    expect(await refusal(deleteView(db, world.colleague, shared.id))).toBe("FORBIDDEN");
    expect(await refusal(deleteView(db, world.admin, shared.id))).toBe("FORBIDDEN");
    expect(await refusal(deleteView(db, world.submitter, shared.id))).toBe("FORBIDDEN");
    expect(await refusal(deleteView(db, world.reviewer, "not-an-id"))).toBe("NOT_FOUND");
    expect(await names(world.reviewer)).toEqual(["My spam sweep", "Team: Latakia videos (shared)"]);

    expect(await deleteView(db, world.editor, shared.id)).toEqual({ id: shared.id, deleted: true });
    expect(await deleteView(db, world.reviewer, personal.id)).toEqual({ id: personal.id, deleted: true });
    expect(await names(world.reviewer)).toEqual([]);
    expect(await names(world.colleague)).toEqual(["A colleague's own"]);
    await deleteView(db, world.colleague, theirs.id);

    const events = (await listAuditEvents(db, world.admin, { type: "saved_view.created" })).items.filter((e) => e.entity.id === shared.id);
    expect(events.map((e) => e.data)).toEqual([{ name: "Team: Latakia videos", shared: true, filters: { state: "corroboration", kind: "video" } }]);
    const deleted = (await listAuditEvents(db, world.admin, { type: "saved_view.deleted" })).items.find((e) => e.entity.id === shared.id);
    expect(deleted?.actor?.id).toBe(world.editor.id);
  });

  it("only reviewers and editors share; only the queue's filters are kept; a person keeps a bounded number", async () => {
    const { db } = world;
    expect(await refusal(createView(db, world.admin, { name: "Admin's shared", filters: {}, shared: true }))).toBe("FORBIDDEN");
    expect((await createView(db, world.admin, { name: "Admin's own", filters: { state: "all" } })).shared).toBe(false);
    expect(await refusal(createView(db, world.submitter, { name: "Mine", filters: {} }))).toBe("FORBIDDEN");
    expect(await refusal(createView(db, world.editor, { name: "Odd", filters: { state: "triage", secret: "x" } }))).toBe("BAD_REQUEST");
    expect(await refusal(createView(db, world.editor, { name: "", filters: {} }))).toBe("BAD_REQUEST");
    // A view of a submitter's assignments: nobody's, refused.
    expect(await refusal(createView(db, world.editor, { name: "Nobody's", filters: { assignee: world.submitter.id } }))).toBe("INVALID_STATE:assignee");
    expect((await createView(db, world.editor, { name: "The colleague's", filters: { assignee: world.colleague.id, kind: "" } })).filters).toEqual({ assignee: world.colleague.id });

    for (let i = (await listViews(db, world.editor)).items.filter((v) => v.mine).length; i < VIEWS_PER_PERSON; i++) await createView(db, world.editor, { name: `View ${i}`, filters: {} });
    expect(await refusal(createView(db, world.editor, { name: "One too many", filters: {} }))).toBe("INVALID_STATE:limit");
  });

  it("saves made at once count one after the other: the limit holds under 40 parallel saves", async () => {
    const { db } = world;
    const outcomes = await Promise.all(Array.from({ length: VIEWS_PER_PERSON + 10 }, (_, i) => refusal(createView(db, world.colleague, { name: `Parallel ${i}`, filters: {} }))));
    const kept = (await listViews(db, world.colleague)).items.filter((v) => v.mine).length;
    expect(kept).toBe(VIEWS_PER_PERSON);
    expect(outcomes.filter((o) => o === "done")).toHaveLength(VIEWS_PER_PERSON);
    expect(outcomes.filter((o) => o === "INVALID_STATE:limit")).toHaveLength(10);
  });
});
