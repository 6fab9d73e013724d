/**
 * The Address spaces panel's geometry: one column per process, segments at their real
 * addresses. Addresses span 2^47 and more, so the axis is broken: segments that overlap or
 * touch (across all processes) form a cluster; clusters are stacked with a small gap between
 * them, and inside a cluster each stretch between two segment boundaries gets a height that
 * grows with the log of its size (at least `minBand` pixels), so the same address sits at the
 * same height in every column.
 */
import { monoW } from "./type";

interface AsSegIn {
  readonly key: string;
  readonly vpn: number;
  readonly pages: number;
}

export interface AsProcIn {
  readonly name: string;
  readonly segs: readonly AsSegIn[];
}

export interface AsSegBox {
  readonly proc: string;
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface AsColumn {
  readonly proc: string;
  readonly x: number;
  readonly w: number;
}

export interface AsTick {
  readonly y: number;
  readonly vpn: number;
}

export interface AsLayout {
  readonly columns: AsColumn[];
  readonly segs: AsSegBox[];
  /** y of each break between clusters (the axis jumps there) */
  readonly breaks: number[];
  /** the address labels: at the start of each stretch */
  readonly ticks: AsTick[];
  readonly height: number;
  /** the least height every band needs to hold its label and strip (the panel asks for it) */
  readonly need: number;
}

export interface AsOptions {
  readonly width: number;
  readonly height: number;
  readonly axisWidth: number;
  readonly header: number;
  readonly gap: number;
  readonly breakGap: number;
  readonly minBand: number;
  /** the floor of a short panel's bands: a label's height (the panel scrolls below it) */
  readonly labelBand: number;
  readonly maxBand: number;
}

const AS_DEFAULTS: AsOptions = {
  width: 600,
  height: 300,
  axisWidth: 118,
  header: 22,
  gap: 10,
  breakGap: 12,
  minBand: 18,
  labelBand: 14,
  maxBand: 110,
};

/** The smallest band that still holds a one-line label. */
export const MIN_LABEL_BAND = 14;

/**
 * Clamp each height to [min, max], then take back from the bands above the floor what the
 * floor added, so the total stays within `room` whenever the floor allows it.
 */
export function fitHeights(raw: readonly number[], min: number, max: number, room: number): number[] {
  let h = raw.map((v) => Math.min(max, Math.max(min, v)));
  for (let pass = 0; pass < 4; pass++) {
    const total = h.reduce((a, b) => a + b, 0);
    const over = total - room;
    if (over <= 0.5) break;
    const flexible = h.filter((v) => v > min).reduce((a, v) => a + (v - min), 0);
    if (flexible <= 0) break;
    const f = Math.min(1, over / flexible);
    h = h.map((v) => (v > min ? v - (v - min) * f : v));
  }
  return h;
}

interface Stretch {
  lo: number;
  hi: number;
  cluster: number;
}

export function addressLayout(procs: readonly AsProcIn[], opt: Partial<AsOptions> = {}): AsLayout {
  const o = { ...AS_DEFAULTS, ...opt };
  const all = procs.flatMap((p) => p.segs).filter((s) => s.pages > 0);
  const columns: AsColumn[] = [];
  const n = procs.length;
  const colW = n ? Math.max(40, (o.width - o.axisWidth - o.gap * (n - 1)) / n) : 0;
  procs.forEach((p, i) => columns.push({ proc: p.name, x: o.axisWidth + i * (colW + o.gap), w: colW }));
  if (all.length === 0) return { columns, segs: [], breaks: [], ticks: [], height: o.header, need: o.header };

  // clusters of overlapping or touching intervals
  const iv = all.map((s) => [s.vpn, s.vpn + s.pages] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const clusters: [number, number][] = [];
  for (const [lo, hi] of iv) {
    const last = clusters[clusters.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else clusters.push([lo, hi]);
  }
  // stretches between consecutive boundaries inside each cluster
  const bounds = new Set<number>();
  for (const s of all) {
    bounds.add(s.vpn);
    bounds.add(s.vpn + s.pages);
  }
  const sorted = [...bounds].sort((a, b) => a - b);
  const stretches: Stretch[] = [];
  let ci = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const lo = sorted[i]!;
    const hi = sorted[i + 1]!;
    while (ci < clusters.length && clusters[ci]![1] <= lo) ci++;
    const c = clusters[ci];
    if (c && lo >= c[0] && hi <= c[1]) stretches.push({ lo, hi, cluster: ci });
  }
  const weights = stretches.map((s) => 1 + Math.log2(s.hi - s.lo));
  const breaksN = clusters.length - 1;
  const room = Math.max(0, o.height - o.header - breaksN * o.breakGap);
  const totalW = weights.reduce((a, b) => a + b, 0);
  const k = totalW > 0 ? room / totalW : 0;
  // shrink the floor when the panel is short, but never below a readable label
  const minBand = Math.max(
    o.labelBand,
    Math.min(o.minBand, stretches.length ? room / stretches.length : o.minBand),
  );
  const heights = fitHeights(
    weights.map((w) => w * k),
    minBand,
    o.maxBand,
    room,
  );

  const ys: number[] = [];
  const breaks: number[] = [];
  const ticks: AsTick[] = [];
  let y = o.header;
  stretches.forEach((s, i) => {
    if (i > 0 && s.cluster !== stretches[i - 1]!.cluster) {
      breaks.push(y + o.breakGap / 2);
      y += o.breakGap;
    }
    ys.push(y);
    ticks.push({ y, vpn: s.lo });
    y += heights[i]!;
  });
  const yOf = (vpn: number, end: boolean): number => {
    // the stretch that starts (or, for an end, ends) at vpn
    for (let i = 0; i < stretches.length; i++) {
      const s = stretches[i]!;
      if (!end && s.lo === vpn) return ys[i]!;
      if (end && s.hi === vpn) return ys[i]! + heights[i]!;
    }
    return o.header;
  };
  const segs: AsSegBox[] = [];
  procs.forEach((p, pi) => {
    const col = columns[pi]!;
    for (const s of p.segs) {
      if (s.pages <= 0) continue;
      const top = yOf(s.vpn, false);
      const bottom = yOf(s.vpn + s.pages, true);
      segs.push({
        proc: p.name,
        key: s.key,
        x: col.x,
        y: top + 1,
        w: col.w,
        h: Math.max(2, bottom - top - 2),
      });
    }
  });
  const need = o.header + breaksN * o.breakGap + stretches.length * o.minBand;
  return { columns, segs, breaks, ticks, height: y, need };
}

/**
 * The Address spaces panel's options for a body of `width` × `height` CSS pixels at unit `u`
 * (the app's panel and the walkthrough's frames draw alike). The axis holds a 16-digit address
 * as pmap prints it; a panel too narrow for it and a 110-unit column per process leaves it out.
 */
export function panelOptions(width: number, height: number, procs: number, u: number): AsOptions {
  const fullAxis = monoW("FFFFFD7FFF3F0000") * u + 10 * u;
  return {
    width: width - 6 * u,
    height: height - 4 * u,
    axisWidth: width - fullAxis >= Math.max(1, procs) * 110 * u ? fullAxis : 4 * u,
    header: 21 * u,
    gap: 8 * u,
    breakGap: 8 * u,
    minBand: 18 * u,
    labelBand: 18 * u,
    maxBand: 110 * u,
  };
}
