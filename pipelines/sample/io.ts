// The file-system side effects of the generator, behind a small interface so tests and callers can
// redirect or record them. Synchronous writes keep output order (and so bytes) deterministic.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

export interface ByteSink {
  write(bytes: Uint8Array): void;
  close(): void;
}

export interface SampleIO {
  /** Text of a file, or undefined if it does not exist. */
  readText(file: string): string | undefined;
  /** Writes a whole file, creating parent folders. */
  writeFile(file: string, data: Uint8Array | string): void;
  /** Opens a file for streaming writes, creating parent folders. */
  openFile(file: string): ByteSink;
  /** Removes a file if present (stale output of an earlier run). */
  remove(file: string): void;
  log(line: string): void;
}

export function nodeIO(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): SampleIO {
  return {
    readText(file) {
      try {
        return readFileSync(file, "utf8");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
      }
    },
    writeFile(file, data) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
    },
    openFile(file) {
      mkdirSync(path.dirname(file), { recursive: true });
      const fd = openSync(file, "w");
      return {
        write: (bytes) => {
          let off = 0;
          while (off < bytes.length) off += writeSync(fd, bytes, off);
        },
        close: () => closeSync(fd),
      };
    },
    remove(file) {
      rmSync(file, { force: true });
    },
    log,
  };
}
