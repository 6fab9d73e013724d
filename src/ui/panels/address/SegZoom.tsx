/**
 * A big segment's page strip in Address spaces, zooming on its own (wheel, drag, + − 0 keys)
 * from the whole segment down to single pages: per page its translation (rw, r or none, the
 * upper lane) and its anon slot's state (the lower lane, coloured as in the Anon layer). The
 * worker sends this process's pages of the visible range as the view needs them; the
 * snapshot's summary draws meanwhile. A click still takes the Anon layer's view there.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { select, selectPages, selectSegment, setHover } from "../../../state/view";
import { pageKey, segKeyOf } from "../../../state/links";
import { useApp } from "../../../state/store";
import type { SegSnap, SegWindow, Snapshot, WindowPages } from "../../../contract/wire/protocol";
import { useLinks } from "../../hooks/useLinks";
import { fmt, STATE_NAMES } from "../../layout/states";
import { HAT_RW, stripColumns } from "../../layout/zoomStrip";
import { pageScale } from "../../layout/pageScale";
import { showsSlots, ZOOM_MIN_PAGES } from "../../layout/zoomGeometry";
import { zoomShow } from "../../zoom/active";
import { paintRow, readColors, type StripColors } from "../../zoom/drawStrip";
import { useZoomWindow } from "../../zoom/useZoomWindow";
import type { Cover } from "../../zoom/zoomWindow";
import type { Span } from "../../zoom/span";
import { useZoom } from "../../zoom/store";
import { actionsOf, onZoomKeys, useZoomController } from "../../zoom/useZoomController";
import { snapSource, windowSource } from "../anon/AnonZoomParts";
import { useUnit } from "../../scale/useUnit";

const cover = (w: SegWindow): Cover[] => {
  const r = w.rows[0];
  if (!r) return [{ from: 0, count: 0, per: 1 }];
  return [{ from: r.from, count: r.count, per: r.detail.kind === "pages" ? 1 : r.detail.pagesPerBucket }];
};

/** "rw", "r" or "" for a page's translation prot bits. */
const hatText = (prot: number): string => (!prot ? "" : prot & 2 ? "rw" : "r");

export interface SegZoomProps {
  snap: Snapshot;
  proc: string;
  seg: SegSnap;
  x: number;
  y: number;
  w: number;
  h: number;
  /** the visible pages, as a label for the box ("" when zoomed out) */
  onRange: (label: string) => void;
}

export function SegZoom({ snap, proc, seg, x, y, w, h, onRange }: SegZoomProps) {
  const theme = useApp((s) => s.view.theme);
  const unit = useUnit();
  const pages = seg.pages;
  const [range, setRange] = useState({ lo: 0, hi: pages, pages });
  const { lo, hi } = range.pages === pages ? range : { lo: 0, hi: pages };
  const surface = useRef<HTMLDivElement>(null);
  const key = `${proc}/${seg.name}@${seg.first}|${pages}`;
  const ctl = useZoomController(
    surface,
    { key, x0: 0, areaW: w, height: h, pages, minPages: ZOOM_MIN_PAGES },
    (l, r) => setRange({ lo: l, hi: r, pages }),
  );
  const actions = useMemo(() => actionsOf(ctl), [ctl]);
  const all = lo <= 0.5 && hi >= pages - 0.5;
  const ask = useMemo(
    () => (s: Span) => ({ seg: { name: seg.name, first: seg.first }, procs: [proc], ...s }),
    [seg.name, seg.first, proc],
  );
  // the summary draws while the window of a new position travels (not `own`)
  const { win } = useZoomWindow({
    key: `seg:${key}`,
    kind: "pages",
    own: false,
    lo,
    hi,
    areaW: w,
    total: pages,
    wanted: !all,
    ask,
    cover,
  });
  const row = win?.rows[0] ?? null;
  const own = useMemo(() => snapSource(snap, seg), [snap, seg]);
  const sources = useMemo(() => (row ? [windowSource(row), own] : [own]), [row, own]);
  const s = pageScale({ x0: 0, areaW: w }, lo, Math.max(lo + 1e-6, hi));
  const d = row?.detail.kind === "pages" ? row.detail : null;
  const single =
    showsSlots({ areaW: w, u: unit }, lo, hi) &&
    d &&
    row!.from <= Math.floor(lo) &&
    row!.from + row!.count >= Math.ceil(hi);

  const label = all
    ? ""
    : `pages ${fmt(seg.first + Math.floor(lo + 1e-6))}–${fmt(seg.first + Math.max(Math.floor(lo), Math.ceil(hi - 1e-6) - 1))}`;
  useLayoutEffect(() => onRange(label), [label, onRange]);

  const canvas = useRef<HTMLCanvasElement>(null);
  const colors = useRef<{ theme: string; c: StripColors } | null>(null);
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const hatH = Math.max(4, Math.round(h * (single ? 0.4 : 0.3)));
  useLayoutEffect(() => {
    const cv = canvas.current;
    const ctx = cv?.getContext("2d");
    if (!cv || !ctx) return;
    if (colors.current?.theme !== theme) colors.current = { theme, c: readColors(cv) };
    paintRow(
      ctx,
      {
        width: w,
        height: h,
        dpr,
        chunkY: 0,
        chunkH: 0,
        hatY: 0,
        hatH,
        slotY: hatH,
        slotH: h - hatH,
        cols: stripColumns(sources, lo, hi, Math.round(w * dpr)),
        spans: null,
        chunkCols: null,
        chunkSlots: 1,
        hatLane: !single,
      },
      colors.current.c,
    );
  });

  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    // a click on a big segment's strip takes the zoomed Anon layer there
    const box = e.currentTarget.getBoundingClientRect();
    const p = s.page(((e.clientX - box.left) / Math.max(1, box.width)) * w);
    selectSegment(proc, { name: seg.name, first: seg.first });
    zoomAnonAt(seg, p);
  };
  return (
    <div
      ref={surface}
      className="zoom-view seg-zoom"
      style={{ left: x, top: y, width: w, height: h }}
      data-seg-zoom={`${proc}/${seg.name}`}
      // the strip belongs to its segment's box (the SVG behind it) for selectors too
      data-seg={`${proc}/${seg.name}`}
      data-lo={Math.floor(lo + 1e-6)}
      data-hi={Math.ceil(hi - 1e-6)}
      data-level={single ? "pages" : row ? "window" : "summary"}
      tabIndex={0}
      role="group"
      aria-label={`${proc} ${seg.name}: ${label || "all pages"} of ${fmt(pages)}. Zoom with the wheel or the + and − keys, 0 to see all; drag to pan.`}
      onKeyDown={(e: KeyboardEvent) => onZoomKeys(e, actions)}
      onClick={onClick}
    >
      <canvas
        ref={canvas}
        className="zoom-canvas"
        width={Math.round(w * dpr)}
        height={Math.round(h * dpr)}
        style={{ left: 0, top: 0, width: w, height: h }}
        role="img"
        aria-label={`${proc} ${seg.name}, ${label || "all pages"}: translations above, anon slots below`}
      />
      <svg className="zoom-base" width={w} height={h} aria-hidden={single ? undefined : "true"}>
        {single && d && (
          <SinglePages
            proc={proc}
            seg={seg}
            d={d}
            from={row!.from}
            lo={lo}
            hi={hi}
            x={(p) => s.x(p)}
            hatH={hatH}
            h={h}
          />
        )}
        <ZoomBracket proc={proc} seg={seg} x={(p) => s.x(p)} h={h} />
      </svg>
    </div>
  );
}

/** Single pages: a cell each, naming its translation and its slot's state, linked to the other panels. */
function SinglePages(props: {
  proc: string;
  seg: SegSnap;
  d: WindowPages;
  from: number;
  lo: number;
  hi: number;
  x: (p: number) => number;
  hatH: number;
  h: number;
}) {
  const { proc, seg, d, from, lo, hi, x, hatH, h } = props;
  const { links } = useLinks();
  const u = useUnit();
  const sk = segKeyOf(seg);
  const out = [];
  const cw = x(1) - x(0);
  for (let i = Math.max(0, Math.floor(lo)); i < Math.min(seg.pages, Math.ceil(hi)); i++) {
    const k = i - from;
    const st = d.state[k]!;
    const prot = d.hat[k]!;
    const key = pageKey(proc, sk, i);
    out.push(
      <g
        key={i}
        className={`seg-page${links.pages.has(key) ? " lit" : ""}`}
        data-page={seg.first + i}
        data-state={st}
        data-hat={hatText(prot) || "none"}
        data-anon={d.anon[k] ? `anon:${d.anon[k]}` : ""}
        onMouseEnter={() => setHover({ kind: "page", proc, seg: sk, page: i })}
        onMouseLeave={() => setHover(null)}
        onClick={() => {
          selectPages({ from: seg.first + i, to: seg.first + i });
          select({ kind: "page", proc, seg: sk, page: i });
        }}
      >
        <title>{`${proc} ${seg.name} page ${fmt(seg.first + i)}: ${prot ? `translation ${prot & HAT_RW ? "rw" : "r"}` : "no translation"}; slot ${d.anon[k] ? `anon:${d.anon[k]}, an_refcnt ${d.refcnt[k]}` : "empty"} (${STATE_NAMES[st]})`}</title>
        <rect className="seg-page-cell" x={x(i) + 0.5} y={0.5} width={Math.max(1, cw - 1)} height={h - 1} />
        {cw >= 18 * u && hatH >= 12 * u && (
          <text
            x={x(i) + cw / 2}
            y={hatH - 1}
            fontSize={12 * u}
            textAnchor="middle"
            className="t-mono seg-hat"
          >
            {hatText(prot) || "–"}
          </text>
        )}
      </g>,
    );
  }
  return <g className="seg-pages">{out}</g>;
}

/** Where the zoomed Anon layer is, on this strip at its own zoom (nothing while it shows all). */
function ZoomBracket({
  proc,
  seg,
  x,
  h,
}: {
  proc: string;
  seg: SegSnap;
  x: (p: number) => number;
  h: number;
}) {
  const z = useZoom(
    useShallow((s) =>
      s.seg && s.seg.name === seg.name && s.seg.first === seg.first && s.procs.includes(proc)
        ? { lo: s.lo, hi: s.hi, pages: s.pages }
        : null,
    ),
  );
  if (!z || (z.lo <= 0.5 && z.hi >= z.pages - 0.5)) return null;
  const x0 = x(z.lo);
  const x1 = Math.max(x0 + 3, x(z.hi));
  return <rect className="zoom-bracket" x={x0 - 1} y={0.5} width={x1 - x0 + 2} height={h - 1} rx={2} />;
}

/**
 * Centre the Anon layer's zoomed view on page index p of seg, if it shows that mapping (it
 * does once the segment is selected, which the same click does): a thirty-second of the
 * mapping when it was zoomed out, else the width it has.
 */
function zoomAnonAt(seg: SegSnap, p: number): void {
  const z = useZoom.getState();
  if (!z.seg || z.seg.name !== seg.name || z.seg.first !== seg.first) return;
  const all = z.lo <= 0.5 && z.hi >= z.pages - 0.5;
  const v = all ? Math.max(ZOOM_MIN_PAGES, z.pages / 32) : z.hi - z.lo;
  zoomShow(p - v / 2, p + v / 2);
}
