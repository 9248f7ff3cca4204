// arktype, loaded when something is first validated rather than when a module is imported. Importing
// it costs about 0.35 s on this machine: most of `weici status` and a third of a night in which nothing
// changed. Modules declare their schemas with arkSchema(build); the definitions are built on first use.
import { createRequire } from "node:module";
import type { type as ArkType } from "arktype";

export type Ark = typeof ArkType;

let loaded: Ark | undefined;

/** The arktype `type` function (synchronous: Node ≥ 20.19 requires an ES module). */
export function ark(): Ark {
  return (loaded ??= (createRequire(import.meta.url)("arktype") as { type: Ark }).type);
}

/** A schema (or a record of them) built by `build` the first time it is needed. */
export function arkSchema<T>(build: (type: Ark) => T): () => T {
  let built: T | undefined;
  return () => (built ??= build(ark()));
}

/** Whether a validation result is arktype's list of errors. */
export const isArkErrors = (out: unknown): out is InstanceType<Ark["errors"]> => out instanceof ark().errors;
