// Seeded randomness for the synthetic sample. Every draw comes from a stream keyed by numbers
// (seed, region, indicator, year, ...), so a region's figures do not depend on how many other regions,
// years or files are generated: the zhejiang and national scales agree on every Zhejiang value.

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for sample data (not for anything secret). */
export function mulberry32(state: number): Rng {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Order-sensitive 32-bit hash of integers (murmur3 finaliser per step). */
export function mixInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** FNV-1a: turns codes such as "hte_count" into stream keys. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function streamFor(...parts: number[]): Rng {
  return mulberry32(mixInts(...parts));
}

export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Standard normal by Box-Muller (one value per call; the twin is discarded to keep streams simple). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function logNormal(rng: Rng, sigma: number): number {
  return Math.exp(sigma * normal(rng));
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
