// A minimal RFC 4180 reader for assertions on the site's CSV downloads (CRLF rows, "" escapes). It is
// written apart from reports/csv.ts on purpose: a check that used the code under test would agree with it.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  // A last row without its CRLF is still a row.
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}
