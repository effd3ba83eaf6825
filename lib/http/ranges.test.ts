import { describe, expect, it } from "vitest";
import { ifRangeHolds, parseRange, rangeHeaders, requestedRange } from "./ranges";

const part = (start: number, end: number) => ({ kind: "partial", range: { start, end } });

describe("byte ranges", () => {
  it("reads one range: first bytes, middle, open-ended, suffix, an end past the file cut to it", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual(part(0, 99));
    expect(parseRange("bytes=400-499", 1000)).toEqual(part(400, 499));
    expect(parseRange("bytes=900-", 1000)).toEqual(part(900, 999));
    expect(parseRange("bytes=-500", 1000)).toEqual(part(500, 999));
    expect(parseRange("bytes=-5000", 1000)).toEqual(part(0, 999));
    expect(parseRange("bytes=990-2000", 1000)).toEqual(part(990, 999));
    expect(parseRange("Bytes = 5-5", 1000)).toEqual(part(5, 5));
  });

  it("answers 416 for a range that starts past the end, a zero suffix, or any range of an empty file", () => {
    expect(parseRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=999999999999999999999-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-10", 0)).toEqual({ kind: "unsatisfiable" });
    expect(rangeHeaders({ kind: "unsatisfiable" }, 1000)["Content-Range"]).toBe("bytes */1000");
  });

  it("serves the whole file for several ranges, another unit, garbage, negative or reversed ranges", () => {
    for (const header of ["bytes=0-1,5-6", "bytes=0-1, 0-1, 0-1", "items=0-5", "bytes=", "bytes=-", "bytes=a-b", "bytes=-5-10", "bytes=10-5", "bytes=--1", "0-5", `bytes=${"0-1,".repeat(500)}0-1`]) {
      expect(parseRange(header, 1000), header).toEqual({ kind: "whole" });
    }
    expect(parseRange(null, 1000)).toEqual({ kind: "whole" });
  });

  it("keeps the range only when If-Range names the strong tag or the exact date", () => {
    const etag = `"${"a".repeat(64)}"`;
    const modified = new Date("2026-03-01T10:00:00.456Z");
    expect(ifRangeHolds(null, etag, modified)).toBe(true);
    expect(ifRangeHolds(etag, etag, modified)).toBe(true);
    expect(ifRangeHolds(`"${"b".repeat(64)}"`, etag, modified)).toBe(false);
    expect(ifRangeHolds(`W/${etag}`, etag, modified)).toBe(false);
    expect(ifRangeHolds(modified.toUTCString(), etag, modified)).toBe(true);
    expect(ifRangeHolds(new Date("2026-03-01T10:00:01Z").toUTCString(), etag, modified)).toBe(false);
    expect(ifRangeHolds("not a date", etag, modified)).toBe(false);
    const file = { size: 1000, etag, lastModified: modified };
    expect(requestedRange({ range: "bytes=0-9", ifRange: etag }, file)).toEqual(part(0, 9));
    expect(requestedRange({ range: "bytes=0-9", ifRange: '"other"' }, file)).toEqual({ kind: "whole" });
  });

  it("says which bytes follow", () => {
    expect(rangeHeaders({ kind: "partial", range: { start: 10, end: 19 } }, 1000)).toEqual({
      "Accept-Ranges": "bytes",
      "Content-Range": "bytes 10-19/1000",
      "Content-Length": "10",
    });
    expect(rangeHeaders({ kind: "whole" }, 1000)).toEqual({ "Accept-Ranges": "bytes", "Content-Length": "1000" });
  });
});
