// Finishing touches every Plot SVG of the site gets: a <title> (the accessible name browsers and
// screen readers use for inline SVG) and role/aria attributes written with our own escaping, because
// linkedom escapes only `"` in attribute values.
import { plotDocument } from "../dom.ts";
import { escapeHtml } from "../html.ts";

export function finishSvg(svg: Element, title: string, description?: string): string {
  const titleEl = plotDocument().createElementNS("http://www.w3.org/2000/svg", "title");
  titleEl.textContent = title;
  svg.insertBefore(titleEl, svg.firstChild);
  const desc = description ? ` aria-description="${escapeHtml(description)}"` : "";
  return svg.outerHTML.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(title)}"${desc} `);
}
