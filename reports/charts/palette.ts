// The site's one sober palette. Status and tier colours are distinguishable in grey-scale print too
// (different lightness), and every coloured mark also carries its meaning as text.

export const INK = "#1d1d1f";
export const MUTED = "#5f6368";
export const RULE = "#d7dbe0";
export const ACCENT = "#1f4e79";
export const ACCENT_LIGHT = "#9db9d6";
/** Reference marks (median, time progress, group mean). */
export const REFERENCE = "#b3541e";

export const STATUS_COLORS = {
  met: "#2e6b34",
  on_track: "#7aa874",
  behind: "#d08c2a",
  missed: "#a8322d",
} as const;

export const STATUS_LABELS = { met: "已完成", on_track: "符合进度", behind: "落后进度", missed: "未完成" } as const;

export const TIER_COLORS = {
  leader: "#1f4e79",
  strong: "#4f7fae",
  moderate: "#9db9d6",
  emerging: "#d9d9d9",
} as const;

export const TIER_LABELS = { leader: "领先型", strong: "强劲型", moderate: "中等型", emerging: "追赶型" } as const;

/** `≥125%` … as the EIS defines its performance groups (relative to the group mean). */
export const TIER_RANGES = { leader: "≥125%", strong: "100%–125%", moderate: "70%–100%", emerging: "<70%" } as const;
