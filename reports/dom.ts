// One linkedom document shared by every chart: Plot needs a DOM to build SVG in Node, and creating a
// document per chart costs more than the chart itself. Charts are serialized at once, so sharing is safe.
import { parseHTML } from "linkedom";

let shared: Document | undefined;

/** The document to pass as Plot's `document` option. */
export function plotDocument(): Document {
  // linkedom's Document type is its own; it implements what Plot uses of the DOM Document.
  shared ??= parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
  return shared;
}
