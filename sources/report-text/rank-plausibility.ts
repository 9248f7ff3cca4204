// Whether a rank can be true for its peer group. A prefecture city has at most about 40 county-level
// units (重庆 38), a province at most about 200 (四川 183), the country about 3000; a rank beyond the group
// is a garbled text, not a claim. "三项指数分别位于全市第212位" is the typical case: the ranks 2, 1, 2 of a
// 分别 list were printed without separators.

const BOUNDS: [RegExp, number][] = [
  [/全国|国家|国内/, 3000],
  [/省|自治区|[A-Z]类地区|同类地区|同类城市/, 200],
  [/市|区|县|州|盟|旗/, 40],
];

/** The largest rank the peer group named by `scope` can hold; Infinity when the scope says nothing. */
export function maxPeers(scope: string | null): number {
  if (!scope) return Number.POSITIVE_INFINITY;
  for (const [re, n] of BOUNDS) if (re.test(scope)) return n;
  return Number.POSITIVE_INFINITY;
}

/**
 * True when a rank should not be emitted: beyond its peer group, or one multi-digit number standing for
 * a 分别 list ("两项分别居全县第31位" reads 3 and 1) — a 分别 list with one rank and no separators.
 */
export function implausibleRank(value: number | null, numeral: string, scope: string | null, clause: string, followedByList: boolean): boolean {
  if (value === null) return false;
  if (value > maxPeers(scope)) return true;
  return /分别/.test(clause) && !followedByList && /^[1-9]{2,3}$/.test(numeral);
}
