// Text width estimates for chart margins. Plot sizes labels with a Latin glyph table, so Chinese labels
// come out far too narrow and get clipped; a CJK or full-width glyph is ≈ 1 em in every CJK font.

function charEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2e80 && cp <= 0x9fff) return 1; // CJK radicals, punctuation, kana, ideographs
  if (cp >= 0xac00 && cp <= 0xd7af) return 1; // Hangul
  if (cp >= 0xf900 && cp <= 0xfaff) return 1; // CJK compatibility ideographs
  if (cp >= 0xfe30 && cp <= 0xfe4f) return 1; // CJK compatibility forms
  if (cp >= 0xff00 && cp <= 0xff60) return 1; // full-width forms (（）、，)
  if (cp >= 0x20000) return 1; // supplementary ideographs
  if (cp === 0x2014 || cp === 0x2026) return 1; // — and … render wide in CJK fonts
  if (/[0-9]/.test(ch)) return 0.58;
  if (/[A-Z]/.test(ch)) return 0.68;
  if (/[a-z]/.test(ch)) return 0.55;
  if (/[ .,:;'!|ilj]/.test(ch)) return 0.3;
  if (/[%&@]/.test(ch)) return 0.85;
  return 0.6;
}

/** Width in em of a single line of text (upper bound rather than average, so labels are not clipped). */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

/** Width in pixels at a font size. */
export function textWidthPx(text: string, fontSize: number): number {
  return Math.ceil(textWidthEm(text) * fontSize);
}

/** Cut text to at most `maxEm` wide, ending in `…`, so one very long name cannot squeeze every bar. */
export function truncateToEm(text: string, maxEm: number): string {
  if (textWidthEm(text) <= maxEm) return text;
  let out = "";
  let em = 1; // room for the ellipsis
  for (const ch of text) {
    const w = textWidthEm(ch);
    if (em + w > maxEm) break;
    out += ch;
    em += w;
  }
  return `${out}…`;
}
