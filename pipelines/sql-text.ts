// Just enough SQL lexing for the model runner: split a query into code, string literals, quoted
// identifiers and comments, so table names are found and replaced in code only (never inside
// '…', "…" or a -- comment that happens to mention a table).

type Segment = { kind: "code" | "string" | "quoted" | "comment"; text: string };

export function segments(sql: string): Segment[] {
  const out: Segment[] = [];
  let code = "";
  let i = 0;
  const flush = () => {
    if (code) out.push({ kind: "code", text: code });
    code = "";
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      flush();
      out.push({ kind: "comment", text: sql.slice(i, stop) });
      i = stop;
    } else if (c === "'" || c === '"') {
      // '' and "" inside a literal are escaped quotes, not its end.
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      flush();
      out.push({ kind: c === "'" ? "string" : "quoted", text: sql.slice(i, j + 1) });
      i = j + 1;
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return out;
}

/** The query without its -- comments (lines keep their breaks). */
export function stripComments(sql: string): string {
  return segments(sql).filter((s) => s.kind !== "comment").map((s) => s.text).join("");
}

const TABLE_REF = /\b(raw|ref|meta|staging|marts|analyst)\s*\.\s*([a-z_][a-z0-9_]*)\b/gi;

/** The schema-qualified tables a query reads, e.g. ["staging.stg_targets"], in order of first mention. */
export function tableRefs(sql: string): string[] {
  const out = new Set<string>();
  for (const s of segments(sql)) {
    if (s.kind !== "code") continue;
    for (const m of s.text.matchAll(TABLE_REF)) out.add(`${m[1]!.toLowerCase()}.${m[2]!.toLowerCase()}`);
  }
  return [...out];
}

/** Replaces table references in code (comments dropped) by what `replace` returns for them; undefined keeps a reference. */
export function replaceTables(sql: string, replace: (table: string) => string | undefined): string {
  return segments(sql)
    .filter((s) => s.kind !== "comment")
    .map((s) => (s.kind !== "code" ? s.text : s.text.replace(TABLE_REF, (whole, schema: string, table: string) =>
      replace(`${schema.toLowerCase()}.${table.toLowerCase()}`) ?? whole)))
    .join("");
}
