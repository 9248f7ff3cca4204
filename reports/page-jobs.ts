// A page to write is plain data: its path, its kind and the input of its renderer. Keeping inputs
// free of functions and class instances lets the writer key a page by its input (an unchanged page
// is not even rendered again) and lets renderers run anywhere, in this process or a worker.
import type { ClaimsPageInput } from "./pages/claims-page.ts";
import type { CompositePageInput } from "./pages/composite-page.ts";
import type { DistrictPageInput } from "./pages/district-page.ts";
import type { IndexPageInput } from "./pages/index-page.ts";
import type { QualityPageInput } from "./pages/quality-page.ts";
import type { RankingPageInput } from "./pages/ranking-page.ts";
import type { TargetsPageInput } from "./pages/targets-page.ts";
import type { RankingTable } from "./ranking-table.ts";

export type PageJob =
  | { kind: "ranking"; path: string; input: RankingPageInput }
  | { kind: "ranking-csv"; path: string; input: { table: RankingTable } }
  | { kind: "index"; path: string; input: IndexPageInput }
  | { kind: "claims"; path: string; input: ClaimsPageInput }
  | { kind: "district"; path: string; input: DistrictPageInput }
  | { kind: "targets"; path: string; input: TargetsPageInput }
  | { kind: "composite"; path: string; input: CompositePageInput }
  | { kind: "quality"; path: string; input: QualityPageInput };

export type PageKind = PageJob["kind"];
