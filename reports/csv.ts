// CSV downloads that Excel opens correctly: UTF-8 with a byte order mark (without it Excel on Windows
// reads Chinese as GBK and shows mojibake), CRLF line ends, RFC 4180 quoting, and cells that Excel
// would run as a formula (= + - @, tab, CR at the start) neutralised with a leading apostrophe.

const BOM = "\uFEFF";

/** A plain figure such as `-3`, `+12`, `1,096`, `-4.5%`: safe, and kept so Excel reads it as a number. */
const PLAIN_NUMBER = /^[+-]?\d{1,3}(,\d{3})*(\.\d+)?%?$|^[+-]?\d+(\.\d+)?%?$/;

/** Prefixes `'` to text Excel or LibreOffice would evaluate (OWASP CSV injection). */
export function neutraliseCell(text: string): string {
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) return `'${text}`;
  return text;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The whole file: BOM, header row, data rows. */
export function toCsv(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => cells.map((c) => quote(neutraliseCell(c))).join(",");
  return BOM + [header, ...rows].map(line).join("\r\n") + "\r\n";
}
