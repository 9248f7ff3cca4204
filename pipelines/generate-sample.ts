// CLI: writes SYNTHETIC sample submissions for development and tests (see pipelines/sample/).
// npx tsx pipelines/generate-sample.ts [--out data/sample] [--scale zhejiang|national] [--seed N]
//   [--from 2020] [--to 2026-10] [--xlsx-year 2026] [--if-missing]
import { PipelineError } from "./errors.ts";
import { nodeIO } from "./sample/io.ts";
import { readManifest, sameOptions } from "./sample/manifest.ts";
import { fingerprint, parseSampleArgs, USAGE } from "./sample/options.ts";

async function main(argv: string[]): Promise<number> {
  const options = parseSampleArgs(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const io = nodeIO();
  // Checked before loading the generator (exceljs is slow to import) so --if-missing returns at once.
  if (options.ifMissing && sameOptions(fingerprint(options), readManifest(options.out, io)?.options)) {
    process.stdout.write(`sample already present in ${options.out} (MANIFEST.json has the same options); nothing written\n`);
    return 0;
  }
  const started = performance.now();
  const { generateSample } = await import("./sample/generate.ts");
  const { manifest } = await generateSample(options, io);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rows = Object.values(manifest.row_counts).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `wrote ${manifest.file_count} files (${rows} rows, ${manifest.dirty_rows.length} deliberately dirty) to ${options.out} in ${seconds}s\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof PipelineError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(e.exitCode);
    }
    // node:util parseArgs throws TypeError with a code for unknown or malformed flags.
    if ((e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
