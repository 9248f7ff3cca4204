// Renders one page job to its file content: the single dispatch from a job's kind to its renderer.
import type { PageJob } from "./page-jobs.ts";
import { renderClaimsPage } from "./pages/claims-page.ts";
import { renderCompositePage } from "./pages/composite-page.ts";
import { renderDistrictPage } from "./pages/district-page.ts";
import { renderIndexPage } from "./pages/index-page.ts";
import { renderQualityPage } from "./pages/quality-page.ts";
import { renderRankingCsv } from "./pages/ranking-csv.ts";
import { renderRankingPage } from "./pages/ranking-page.ts";
import { renderTargetsPage } from "./pages/targets-page.ts";

export function renderPage(job: PageJob): string {
  switch (job.kind) {
    case "ranking":
      return renderRankingPage(job.input);
    case "ranking-csv":
      return renderRankingCsv(job.input);
    case "index":
      return renderIndexPage(job.input);
    case "claims":
      return renderClaimsPage(job.input);
    case "district":
      return renderDistrictPage(job.input);
    case "targets":
      return renderTargetsPage(job.input);
    case "composite":
      return renderCompositePage(job.input);
    case "quality":
      return renderQualityPage(job.input);
  }
}
