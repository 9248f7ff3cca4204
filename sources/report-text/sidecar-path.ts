// Where a report's sidecar (publisher, date, scope) lives, apart from the extractor so that a run can
// check whether a report or its sidecar changed without loading the extractor.

export function sidecarPath(reportFile: string): string {
  return reportFile.replace(/\.(txt|text|md)$/i, "") + ".json";
}
