// Custom peer groups a province defines: A类/B类 by economic size (from the same size factor that
// drives the figures, so A类 really are the larger districts) and the provincial 山区26县 list.
import { csvLine } from "./csv.ts";
import { MOUNTAIN_26, ZHEJIANG, type RegionModel } from "./region-model.ts";

export const PEER_GROUPS_HEADER = ["分组", "地区代码", "地区名称"] as const;
export const A_CLASS_SIZE = 30;

export interface PeerMember {
  group: string;
  code: string;
  name: string;
}

export function peerGroups(models: readonly RegionModel[]): PeerMember[] {
  const zj = models.filter((m) => m.region.province_code === ZHEJIANG);
  const bySize = [...zj].sort((a, b) => b.size - a.size || a.region.code.localeCompare(b.region.code));
  const a = new Set(bySize.slice(0, A_CLASS_SIZE).map((m) => m.region.code));
  const member = (group: string) => (m: RegionModel): PeerMember => ({ group, code: m.region.code, name: m.region.name });
  const mountain = new Set<string>(MOUNTAIN_26);
  return [
    ...zj.filter((m) => a.has(m.region.code)).map(member("A类地区")),
    ...zj.filter((m) => !a.has(m.region.code)).map(member("B类地区")),
    ...zj.filter((m) => mountain.has(m.region.code)).map(member("山区26县")),
  ];
}

export function peerGroupsCsv(members: readonly PeerMember[]): string {
  return `${[csvLine(PEER_GROUPS_HEADER), ...members.map((m) => csvLine([m.group, m.code, m.name]))].join("\n")}\n`;
}
