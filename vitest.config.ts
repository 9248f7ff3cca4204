import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that start bin/weici.js run the compiled CLI: build it first.
    globalSetup: ["test/helpers/build-cli.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB work is CPU-bound; two workers match this 2-core machine.
    maxWorkers: 2,
  },
});
