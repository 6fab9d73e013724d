import { useShallow } from "zustand/react/shallow";
import { useMemo, useRef } from "react";
import { select, selectPages, selectSegment, setHover } from "../../state/actions";
import { pageKey, segKeyOf } from "../../state/links";
import { aliveProcs, shownSeg, targetProc } from "../../state/selectors";
import { useApp } from "../../state/store";
import type { ProcSnap, SegSnap, Snapshot } from "../../worker/protocol";
import { procColor, protLetters } from "../colors";
import { useLinks, useNow } from "../hooks/useLinks";
import { useSize } from "../hooks/useSize";
import { addressLayout, type AsSegBox } from "../layout/addressSpace";
import { STATE_CLASS, pmapAddr, slotState } from "../layout/states";
import { runsOf, segColumns } from "../layout/strip";
import { Panel } from "../Panel";
import type { LinkSet } from "../../state/links";
import { useZoom } from "../zoom/store";
import { zoomShow } from "../zoom/active";
import { ZOOM_MIN_PAGES } from "../layout/zoomView";

const CELL_PAGES_MAX = 64;
/** The page strip grows with the box, up to this. */
const STRIP_MAX = 44;

function PageStrip(props: {
  snap: Snapshot;
  proc: ProcSnap;
  seg: SegSnap;
  box: AsSegBox;
  links: LinkSet;
  nowPage: number | null;
}) {
  const { snap, proc, seg, box, links, nowPage } = props;
  const x0 = box.x + 4;
  const w = box.w - 8;
  const y = box.y + 16;
  const STRIP_H = Math.max(6, Math.min(STRIP_MAX, box.h - 22));
  const sk = segKeyOf(seg);
  const d = seg.detail;
  if (d.kind === "pages" && seg.pages <= CELL_PAGES_MAX && w / seg.pages >= 3) {
    const cw = w / seg.pages;
    return (
      <g>
        {Array.from({ length: seg.pages }, (_, i) => {
          const key = pageKey(proc.name, sk, i);
          const st = slotState(snap, d.anon[i]!, d.frame[i]!);
          const mapped = d.hat[i]! > 0;
          return (
            <rect
              key={i}
              className={`cell hl ${STATE_CLASS[st]}${links.pages.has(key) ? " lit" : ""}${nowPage === i ? " now" : ""}`}
              data-link={`page:${key}`}
              x={x0 + i * cw + 0.5}
              y={y}
              width={Math.max(1, cw - 1)}
              height={STRIP_H}
              opacity={mapped || st === 0 ? 1 : 0.45}
              onMouseEnter={() => setHover({ kind: "page", proc: proc.name, seg: sk, page: i })}
              onMouseLeave={() => setHover(null)}
              onClick={(e) => {
                e.stopPropagation();
                selectSegment(proc.name, { name: seg.name, first: seg.first });
                selectPages({ from: seg.first + i, to: seg.first + i });
                select({ kind: "page", proc: proc.name, seg: sk, page: i });
              }}
            >
              <title>{`${proc.name} ${seg.name} page ${seg.first + i}: ${mapped ? "translation loaded" : "no translation"}`}</title>
            </rect>
          );
        })}
      </g>
    );
  }
  const cols = segColumns(seg, Math.max(1, Math.floor(w)), (a, f) => slotState(snap, a, f));
  return (
    <g
      aria-hidden="true"
      onClick={(e) => {
        // a click on a big segment's strip takes the zoomed Anon layer there
        const box = e.currentTarget.getBoundingClientRect();
        zoomAt(seg, ((e.clientX - box.left) / Math.max(1, box.width)) * seg.pages);
      }}
    >
      <rect className="strip-frame" x={x0} y={y} width={w} height={STRIP_H} />
      {runsOf(cols, w).map((r, i) => (
        <rect
          key={i}
          className={STATE_CLASS[r.state]}
          x={x0 + r.x}
          y={y}
          width={r.w}
          height={STRIP_H}
          strokeWidth={0}
        />
      ))}
      <ZoomBracket proc={proc.name} seg={seg} x={x0} y={y} w={w} h={STRIP_H} />
    </g>
  );
}

/**
 * Centre the Anon layer's zoomed view on page index p of seg, if it shows that mapping (it
 * does once the segment is selected, which the same click does): a thirty-second of the
 * mapping when it was zoomed out, else the width it has.
 */
function zoomAt(seg: SegSnap, p: number): void {
  const z = useZoom.getState();
  if (!z.seg || z.seg.name !== seg.name || z.seg.first !== seg.first) return;
  const all = z.lo <= 0.5 && z.hi >= z.pages - 0.5;
  const v = all ? Math.max(ZOOM_MIN_PAGES, z.pages / 32) : z.hi - z.lo;
  zoomShow(p - v / 2, p + v / 2);
}

/** Where the zoomed Anon layer is, on this segment's strip (nothing while it shows all of it). */
function ZoomBracket(props: { proc: string; seg: SegSnap; x: number; y: number; w: number; h: number }) {
  const { proc, seg, x, y, w, h } = props;
  const z = useZoom(
    useShallow((s) =>
      s.seg && s.seg.name === seg.name && s.seg.first === seg.first && s.procs.includes(proc)
        ? { lo: s.lo, hi: s.hi, pages: s.pages }
        : null,
    ),
  );
  if (!z || (z.lo <= 0.5 && z.hi >= z.pages - 0.5)) return null;
  const x0 = x + (w * z.lo) / seg.pages;
  const x1 = Math.max(x0 + 3, x + (w * z.hi) / seg.pages);
  return <rect className="zoom-bracket" x={x0 - 1} y={y - 2} width={x1 - x0 + 2} height={h + 4} rx={2} />;
}

export function AddressSpaces() {
  const snap = useApp((s) => s.engine.snapshot);
  const shown = useApp(useShallow(shownSeg));
  const target = useApp((s) => targetProc(s)?.name ?? null);
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const { links } = useLinks();
  const now = useNow();
  const procs = useMemo(() => aliveProcs(snap), [snap]);
  const layout = useMemo(
    () =>
      addressLayout(
        procs.map((p) => ({
          name: p.name,
          segs: p.segs.map((g) => ({ key: segKeyOf(g), vpn: g.vpn, pages: g.pages })),
        })),
        { width: width - 6, height: Math.max(120, height - 4), axisWidth: 104, minBand: 27 },
      ),
    [procs, width, height],
  );
  const exited = snap ? snap.procs.filter((p) => !p.alive).map((p) => p.name) : [];
  const shownKey = shown ? `${shown.name}@${shown.first}` : null;
  return (
    <Panel
      id="address"
      title="Address spaces"
      sub={
        exited.length ? `exited: ${exited.join(", ")}` : "segments at their addresses, as pmap -x names them"
      }
    >
      <div ref={body} style={{ height: "100%" }}>
        {snap && procs.length === 0 && (
          <div className="empty-state">No process yet. Press spawn to start one.</div>
        )}
        {snap && procs.length > 0 && width > 0 && (
          <svg
            width={width}
            height={layout.height + 4}
            role="img"
            aria-label="Address spaces of the live processes"
          >
            {layout.ticks.map((t, i) => (
              <text key={i} x={4} y={t.y + 10} fontSize={9.5} className="t-mono t-muted">
                {pmapAddr("0x" + (BigInt(t.vpn) * BigInt(snap.pageSize)).toString(16).padStart(16, "0"))}
              </text>
            ))}
            {layout.breaks.map((y, i) => (
              <line key={i} className="break-mark" x1={4} x2={width - 4} y1={y} y2={y} />
            ))}
            {layout.columns.map((c, ci) => {
              const p = procs[ci]!;
              const color = procColor(snap.procs.indexOf(p));
              return (
                <g
                  key={c.proc}
                  data-proc-col={p.name}
                  onClick={() => selectSegment(p.name, null)}
                  style={{ cursor: "pointer" }}
                >
                  <rect x={c.x} y={3} width={10} height={10} rx={2} fill={color} />
                  <text x={c.x + 15} y={12} fontSize={11.5} className="t-bold">
                    {p.name}
                    <tspan className="t-muted" fontWeight={400}>
                      {" "}
                      pid {p.pid}
                      {target === p.name ? " · selected" : ""}
                    </tspan>
                  </text>
                </g>
              );
            })}
            {layout.segs.map((b) => {
              const p = procs.find((x) => x.name === b.proc)!;
              const g = p.segs.find((x) => segKeyOf(x) === b.key)!;
              const color = procColor(snap.procs.indexOf(p));
              const isShown = b.key === shownKey;
              const nowPage =
                now?.proc === p.name && now.seg === g.name && now.page !== undefined
                  ? now.page - g.first
                  : null;
              return (
                <g
                  key={`${b.proc}/${b.key}`}
                  data-seg={`${b.proc}/${g.name}`}
                  onClick={() => selectSegment(p.name, { name: g.name, first: g.first })}
                  style={{ cursor: "pointer" }}
                >
                  <title>{`${p.name} ${g.name}: ${g.base}, ${g.pages} pages, ${g.prot} ${g.share}, ${g.source}`}</title>
                  <rect
                    className={`seg-box${isShown ? " selected" : ""}`}
                    x={b.x}
                    y={b.y}
                    width={b.w}
                    height={b.h}
                    rx={4}
                  />
                  <rect x={b.x} y={b.y} width={4} height={b.h} fill={color} rx={2} />
                  {b.h >= 14 && (
                    <text x={b.x + 9} y={b.y + 12} fontSize={11}>
                      <tspan className="t-bold">{g.label}</tspan>
                      {g.label.replace(/[[\]\s]/g, "") !== g.name && (
                        <tspan className="t-muted"> {g.name}</tspan>
                      )}
                    </text>
                  )}
                  {b.h >= 14 && b.w > 150 && (
                    <text
                      x={b.x + b.w - 6}
                      y={b.y + 12}
                      fontSize={10.5}
                      textAnchor="end"
                      className="t-mono t-muted"
                    >
                      {protLetters(g.prot)} {g.share}
                    </text>
                  )}
                  {b.h >= 24 && (
                    <PageStrip snap={snap} proc={p} seg={g} box={b} links={links} nowPage={nowPage} />
                  )}
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </Panel>
  );
}
