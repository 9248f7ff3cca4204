// The logger passed into every step, so tests can capture or silence output.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export function consoleLogger(opts: { debug?: boolean; stream?: NodeJS.WritableStream } = {}): Logger {
  const out = opts.stream ?? process.stderr;
  return {
    info: (m) => out.write(`${m}\n`),
    warn: (m) => out.write(`warning: ${m}\n`),
    debug: (m) => (opts.debug ? out.write(`debug: ${m}\n`) : undefined),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, debug: () => {} };

/** Collects log lines in memory (tests). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), debug: () => {} };
}
