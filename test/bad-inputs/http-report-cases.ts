// Bad-input cases for the http-json kind (pages served from the case folder by a local server, see
// test/helpers/bad-inputs.ts) and the report-text kind (a report and its sidecar JSON). An HTTP source
// is one "file", its URL: when it fails, the rows it loaded the night before (before/) must stay.
import { expect } from "vitest";
import type { Case, Corpus, Quarantined } from "../helpers/bad-inputs.ts";

/** Rows of an HTTP source: `file` is filled in with the source's URL when checked. */
const h = (row: number, field: string, reason: RegExp): Quarantined => ({ file: "", row, field, reason });
const API = "api";

/** The case's first page was requested twice: the first answer was broken, the retry succeeded. */
const retried = (name: string) => async (c: Corpus) => {
  expect(c.server.requests.filter((r) => r === `/${name}/api?page=1`)).toHaveLength(2);
};

export const HTTP_CASES: Case[] = [
  {
    name: "http-wrong-types", kind: "http-json",
    it: "quarantines rows whose fields have the wrong JSON type (object value, boolean year, array code, numeric indicator, a string or null row), naming the field",
    quarantined: [
      h(2, "value", /^row on page 1 does not match .*: value must be a number, a string or null \(was an object\); fix the row on the platform$/),
      h(3, "year", /year must be a string or a number \(was boolean\)/),
      h(4, "region_code", /region_code must be a number, a string or null \(was an object\)/),
      h(5, "indicator", /indicator must be a string \(was a number\)/),
      h(6, "period", /^month "六" is not a month$/),
      h(7, "row", /must be an object \(was a string\)/),
      h(8, "row", /must be an object \(was null\)/),
    ],
    observations: [["331124", "hte_count", 2025, 12, 66, 1], ["331124", "patent_applications", 2025, 12, 880, 9], ["331124", "rd_expenditure", 2024, 12, 12.5, 10]],
  },
  {
    name: "http-deep-nesting-row", kind: "http-json",
    it: "quarantines a row whose value nests 100 000 arrays deep instead of overflowing the stack, and keeps the rows around it",
    quarantined: [h(2, "row", /^row on page 1 is nested more than 32 levels deep; expected \{region_code, .*fix the row on the platform$/)],
    observations: [["331125", "hte_count", 2025, 12, 45, 1], ["331125", "invention_grants", 2025, 12, 61, 3]],
  },
  {
    name: "http-deep-nesting-body", kind: "http-json",
    it: "quarantines a row that is an object nested 50 000 levels deep and keeps the next row",
    quarantined: [h(1, "row", /nested more than 32 levels deep/)],
    observations: [["331126", "hte_count", 2025, 12, 30, 2]],
  },
  {
    name: "http-cut-then-ok", kind: "http-json",
    it: "retries a body cut off mid-way (connection dropped before the content-length) and loads the full answer",
    observations: [["331181", "hte_count", 2025, 12, 120], ["331181", "patent_applications", 2025, 12, 1900]],
    check: retried("http-cut-then-ok"),
  },
  {
    name: "http-closed-early-then-ok", kind: "http-json",
    it: "retries a body that ends early with the connection closed (no content-length) as truncated, not as 'not JSON'",
    observations: [["320117", "hte_count", 2025, 12, 700]],
    check: retried("http-closed-early-then-ok"),
  },
  {
    name: "http-cut-always", kind: "http-json",
    it: "fails a source whose body is cut off on every attempt, naming the URL, and keeps the rows it loaded the night before",
    errors: [{ file: API, message: /GET http:\/\/127\.0\.0\.1:\d+\/http-cut-always\/api\?page=1 failed after 2 attempt\(s\): .*while reading the body \(truncated\)/ }],
    observations: [["320104", "hte_count", 2025, 12, 520]],
  },
  {
    name: "http-not-json", kind: "http-json",
    it: "fails a source answering a maintenance page, quoting its start, and keeps the rows of the night before",
    errors: [{ file: API, message: /returned a body that is not JSON \(starts "<html><body>系统维护中/ }],
    observations: [["320105", "hte_count", 2025, 12, 610]],
  },
  {
    name: "http-wrong-shape", kind: "http-json",
    it: "fails a source answering JSON without a rows array, and keeps the rows of the night before",
    errors: [{ file: API, message: /returned JSON of another shape .*expected \{"rows": \[/ }],
    observations: [["320106", "hte_count", 2025, 12, 830]],
  },
  {
    name: "http-empty-body", kind: "http-json",
    it: "retries an empty 200 body as truncated, then fails the source, keeping the rows of the night before",
    errors: [{ file: API, message: /failed after 2 attempt\(s\): the body ended early after 0 bytes \(truncated JSON/ }],
    observations: [["320111", "hte_count", 2025, 12, 290]],
  },
  {
    name: "http-values-and-units", kind: "http-json",
    it: "judges HTTP values like file values: XX, １２３, \"1,096\", 万亿元, a name in scope and out of it, a bad code, -5, 1e400, month 13",
    quarantined: [
      h(1, "value", /^value is masked \("XX"\)/),
      h(4, "unit", /^unknown unit "万亿元"; tech_contract_value is reported in 亿元$/),
      h(6, "region_name", /^unknown region name "鼓楼区" in 330000/),
      h(7, "region_code", /^unknown region code "32O113"/),
      h(8, "value", /^negative value -5 for tech_contract_count$/),
      h(9, "value", /^value "1e400" is not a finite number$/),
      h(10, "month", /^month 13 is out of range 1-12$/),
    ],
    observations: [
      ["320113", "patent_applications", 2025, 12, 123], ["320113", "invention_grants", 2025, 12, 1096],
      ["330903", "hte_count", 2025, 11, 150, 5], ["320113", "tech_contract_value", 2026, 6, 3.25, 11],
    ],
  },
  {
    name: "http-html-in-names", kind: "http-json",
    it: "quarantines HTML in a region name and a script as an indicator from the platform",
    quarantined: [
      h(1, "region_name", /^unknown region name "<img src=x onerror=alert\(1\)>"/),
      h(2, "indicator", /^unknown indicator "<script>fetch\('\/\/x'\)<\/script>"/),
    ],
    observations: [["320115", "hte_count", 2025, 12, 310]],
  },
  {
    name: "http-bad-second-page", kind: "http-json",
    it: "numbers rows across pages and quarantines the bad rows of page 2 while keeping page 1",
    quarantined: [h(3, "value", /^value is masked \("—"\)/), h(4, "value", /^row on page 2 does not match .*value must be a number, a string or null \(was missing\)/)],
    observations: [["320116", "hte_count", 2025, 12, 140, 1], ["320116", "patent_applications", 2025, 12, 900, 2], ["320116", "invention_grants", 2025, 11, 80, 5]],
  },
];

export const REPORT_CASES: Case[] = [
  {
    name: "report-missing-sidecar", kind: "report-text",
    it: "refuses a report without its sidecar JSON, saying what to write, and loads the report beside it",
    errors: [{ file: "330000-2025-无说明.txt", message: /no sidecar 330000-2025-无说明\.json next to the report; write \{"region_code": "330102", "year": 2025\}/ }],
    observations: [["321102", "hte_count", 2025, 12, 160]],
  },
  {
    name: "report-sidecar-not-json", kind: "report-text",
    it: "refuses a report whose sidecar is not valid JSON, naming the sidecar",
    errors: [{ file: "321111-2025-工作总结.txt", message: /\(321111-2025-工作总结\.json\): sidecar is not valid JSON/ }],
    observations: [["321112", "hte_count", 2025, 12, 140]],
  },
  {
    name: "report-sidecar-wrong-types", kind: "report-text",
    it: "refuses a sidecar with a numeric region_code and a text year, naming both",
    errors: [{ file: "321181-2025-工作总结.txt", message: /sidecar region_code must be a string \(was a number\)\nyear must be a number \(was a string\)/ }],
    observations: [["321182", "hte_count", 2025, 12, 190]],
  },
  {
    name: "report-gbk", kind: "report-text",
    it: "reads a GBK report and loads its figures",
    observations: [["321183", "hte_count", 2025, 12, 236], ["321183", "tech_contract_value", 2025, 12, 12.5]],
  },
  {
    name: "report-empty", kind: "report-text",
    it: "refuses a 0-byte report as empty instead of loading it as a report without figures",
    errors: [{ file: "321202-2025-工作总结.txt", message: /the report is empty/ }],
    observations: [["321203", "hte_count", 2025, 12, 210]],
  },
  {
    name: "report-hostile-text", kind: "report-text",
    it: "ignores a figure inside <script>, reads figures between tags, a NUL and a 40 000-character line",
    observations: [["321204", "hte_count", 2025, 12, 275], ["321204", "tech_contract_value", 2025, 12, 9.6], ["321204", "invention_grants", 2025, 12, 318]],
  },
  {
    name: "report-masked-figures", kind: "report-text",
    it: "loads no value for XX家 and ——件 in a report, and loads its real figure",
    observations: [["321281", "invention_grants", 2025, 12, 205]],
  },
  {
    name: "report-truncated-utf8", kind: "report-text",
    it: "reads a UTF-8 report cut inside its last character as UTF-8, not GBK, and loads the figures before the cut",
    observations: [["321282", "hte_count", 2025, 12, 330], ["321282", "tech_contract_value", 2025, 12, 8.8]],
  },
];
