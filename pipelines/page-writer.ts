// The file writer handed to the site renderer: a page whose content is what is already on disk is not
// written again, so an unchanged page keeps its file time and sync tools copy only what changed.
import { promises as fs } from "node:fs";

export interface PageWriter {
  writeFile: (p: string, content: string) => Promise<void>;
  readonly written: number;
  readonly unchanged: number;
}

export function pageWriter(
  write: (p: string, content: string) => Promise<void>,
  read: (p: string) => Promise<string> = (p) => fs.readFile(p, "utf8"),
  onPage?: (n: number) => void,
): PageWriter {
  let written = 0;
  let unchanged = 0;
  return {
    async writeFile(p, content) {
      const old = await read(p).catch(() => undefined);
      if (old === content) unchanged++;
      else {
        await write(p, content);
        written++;
      }
      onPage?.(written + unchanged);
    },
    get written() {
      return written;
    },
    get unchanged() {
      return unchanged;
    },
  };
}
