import { describe, expect, it } from "vitest";
import { frameSeconds, hashOfMoment, momentFromHash, timecodeParts } from "./moment";

describe("moments in the address", () => {
  it("reads seconds, minutes and hours, and the start of a span", () => {
    expect(momentFromHash("#t=41.2")).toBe(41_200);
    expect(momentFromHash("#t=0")).toBe(0);
    expect(momentFromHash("#t=1:02.5")).toBe(62_500);
    expect(momentFromHash("#t=1:00:03")).toBe(3_603_000);
    expect(momentFromHash("#t=npt:12")).toBe(12_000);
    expect(momentFromHash("#t=41.2,44")).toBe(41_200);
    expect(momentFromHash("#discussion&t=3")).toBe(3_000);
  });

  it("reads nothing from a fragment that names no moment", () => {
    for (const hash of ["", "#", "#discussion", "#t=", "#t=abc", "#t=-3", "#t=1::2", "#t=1:2:3:4", "#t=.5"]) expect(momentFromHash(hash), hash).toBeNull();
  });

  it("writes seconds to the millisecond, and reads back what it wrote", () => {
    expect(hashOfMoment(41_200)).toBe("#t=41.2");
    expect(hashOfMoment(3_000)).toBe("#t=3");
    expect(hashOfMoment(1_234.4)).toBe("#t=1.234");
    expect(hashOfMoment(-5)).toBe("#t=0");
    for (const ms of [0, 40, 41_200, 3_603_125]) expect(momentFromHash(hashOfMoment(ms))).toBe(ms);
  });

  it("splits a timecode and knows a frame's length", () => {
    expect(timecodeParts(3_725_250)).toEqual({ hours: 1, minutes: 2, seconds: 5, millis: 250 });
    expect(timecodeParts(41_200)).toEqual({ hours: 0, minutes: 0, seconds: 41, millis: 200 });
    expect(frameSeconds(25)).toBeCloseTo(0.04);
    expect(frameSeconds(29.97)).toBeCloseTo(1 / 29.97);
    expect(frameSeconds(null)).toBeCloseTo(0.04);
    expect(frameSeconds(0)).toBeCloseTo(0.04);
  });
});
