// An analyst's session in its own process: opens a warehouse file read-only (or read-write, by
// mistake, with a second argument "read-write"), says "ready", then answers each SQL line on stdin
// with one JSON line of rows, holding the file open until stdin ends. Plain JavaScript so it starts
// fast (no TypeScript loader).
import { createInterface } from "node:readline";
import { DuckDBInstance } from "@duckdb/node-api";

const instance = await DuckDBInstance.create(process.argv[2], process.argv[3] === "read-write" ? {} : { access_mode: "READ_ONLY" });
const conn = await instance.connect();
process.stdout.write("ready\n");
for await (const line of createInterface({ input: process.stdin })) {
  try {
    const reader = await conn.runAndReadAll(line);
    process.stdout.write(`${JSON.stringify(reader.getRowObjectsJson())}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ error: e.message })}\n`);
  }
}
conn.closeSync();
instance.closeSync();
