// Which earlier periods of an indicator get ranking pages (reports/page-periods.ts).
import { describe, expect, it } from "vitest";
import { candidatePeriods } from "../reports/page-periods.ts";

const label = (ps: { year: number; month: number }[]) => ps.map((p) => `${p.year}-${p.month}`);

describe("periods with ranking pages", () => {
  it("gives a monthly indicator its quarter ends this year, last year's full year and the same month of earlier years, latest first", () => {
    const ps = candidatePeriods({ year: 2026, month: 10, annual: false }, { years: 2, currentYearMonths: "quarters" });
    expect(label(ps)).toEqual(["2026-10", "2026-9", "2026-6", "2026-3", "2025-12", "2025-10", "2024-10"]);
  });

  it("gives every earlier month when asked, and no duplicate when the latest is a year end", () => {
    expect(label(candidatePeriods({ year: 2026, month: 3, annual: false }, { years: 1, currentYearMonths: "all" }))).toEqual(["2026-3", "2026-2", "2026-1", "2025-12", "2025-3"]);
    expect(label(candidatePeriods({ year: 2025, month: 12, annual: false }, { years: 1, currentYearMonths: "none" }))).toEqual(["2025-12", "2024-12"]);
  });

  it("gives an annual indicator only its earlier years", () => {
    expect(label(candidatePeriods({ year: 2025, month: 12, annual: true }, { years: 3, currentYearMonths: "quarters" }))).toEqual(["2025-12", "2024-12", "2023-12", "2022-12"]);
  });

  it("gives only the latest period without history", () => {
    expect(label(candidatePeriods({ year: 2026, month: 10, annual: false }, { years: 0, currentYearMonths: "none" }))).toEqual(["2026-10"]);
  });
});
