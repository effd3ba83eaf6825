import { describe, expect, it } from "vitest";
import { PUBLIC_AUDIT_EVENTS_PREDICATE } from "@/db/schema";
import { PUBLIC_AUDIT_ACTIONS } from "./public-audit-events";

describe("the public audit events' SQL predicate (and its partial index)", () => {
  it("names exactly the public actions", () => {
    const listed = /\(data->>'action'\) in \(([^)]*)\)/.exec(PUBLIC_AUDIT_EVENTS_PREDICATE)?.[1];
    expect(listed?.split(",").map((a) => a.trim().replace(/'/g, ""))).toEqual([...PUBLIC_AUDIT_ACTIONS]);
  });
});
