import { useShallow } from "zustand/react/shallow";
import { useCallback, useMemo, useRef, useState } from "react";
import { select, selectPages, selectSegment, setHover } from "../../state/actions";
import { pageKey, segKeyOf } from "../../state/links";
import { aliveProcs, shownSeg, targetProc } from "../../state/selectors";
import { useApp } from "../../state/store";
import type { ProcSnap, SegSnap, Snapshot } from "../../worker/protocol";
import { procColor, protLetters } from "../colors";
import { useLinks, useNow } from "../hooks/useLinks";
import { useSize } from "../hooks/useSize";
import { addressLayout, type AsSegBox } from "../layout/addressSpace";
import { STATE_CLASS, fitText, pmapAddr, slotState } from "../layout/states";
import { Panel } from "../Panel";
import { AnonLegend } from "./AnonLayer";
import type { LinkSet } from "../../state/links";
import { SegZoom } from "./lazyZoom";

const CELL_PAGES_MAX = 64;
/** The page strip grows with the box, up to this. */
const STRIP_MAX = 96;

function PageStrip(props: {
  snap: Snapshot;
  proc: ProcSnap;
  seg: SegSnap;
  box: AsSegBox;
  links: LinkSet;
  nowPage: number | null;
}) {
  const { snap, proc, seg, box, links, nowPage } = props;
  const { x: x0, y, w, h: STRIP_H } = stripOf(box);
  const sk = segKeyOf(seg);
  const d = seg.detail;
  if (d.kind === "pages" && !zoomable(seg, w)) {
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
              className={`cell hl ${STATE_CLASS[st]}${mapped ? "" : " unmapped"}${links.pages.has(key) ? " lit" : ""}${nowPage === i ? " now" : ""}`}
              data-link={`page:${key}`}
              x={x0 + i * cw + 0.5}
              y={y}
              width={Math.max(1, cw - 1)}
              height={STRIP_H}
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
  // a big segment: the frame of its strip; the zoomable strip lies over it (SegZoom)
  return <rect className="strip-frame" x={x0} y={y} width={w} height={STRIP_H} />;
}

/** Whether a segment's strip zooms (too many pages for a cell each). */
export const zoomable = (seg: SegSnap, w: number): boolean =>
  !(seg.detail.kind === "pages" && seg.pages <= CELL_PAGES_MAX && w / seg.pages >= 3);

/** Where a box's strip lies (PageStrip and SegZoom agree). */
const stripOf = (box: AsSegBox) => ({
  x: box.x + 4,
  y: box.y + 16,
  w: box.w - 8,
  h: Math.max(6, Math.min(STRIP_MAX, box.h - 22)),
});

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
  // the visible pages of each zoomed strip, by "proc/segkey", shown in the box's label line
  const [ranges, setRanges] = useState<Readonly<Record<string, string>>>({});
  const onRange = useCallback(
    (id: string, label: string) => setRanges((r) => ((r[id] ?? "") === label ? r : { ...r, [id]: label })),
    [],
  );
  const exited = snap ? snap.procs.filter((p) => !p.alive).map((p) => p.name) : [];
  // what the colours and the rw / r / – lanes mean: on stage, or once a strip is zoomed in
  const onStage = useApp((s) => s.view.presenting === "address");
  const legend = onStage || Object.values(ranges).some(Boolean);
  const shownKey = shown ? `${shown.name}@${shown.first}` : null;
  return (
    <Panel
      id="address"
      title="Address spaces"
      sub={
        exited.length ? `exited: ${exited.join(", ")}` : "segments at their addresses, as pmap -x names them"
      }
      legend={legend && snap && procs.length > 0 ? <AnonLegend zoom none chunks={false} /> : undefined}
    >
      <div ref={body} style={{ height: "100%", position: "relative" }}>
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
                      {/* a narrow column (the embed view) drops "· selected", then the pid, never mid-word */}
                      {fitText(
                        c.w - 15 - 8 * p.name.length,
                        6.6,
                        ...(target === p.name ? [` pid ${p.pid} · selected`] : []),
                        ` pid ${p.pid}`,
                      )}
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
                  {b.h >= 14 && (
                    <text
                      x={b.x + b.w - 6}
                      y={b.y + 12}
                      fontSize={10.5}
                      textAnchor="end"
                      className="t-mono t-muted"
                      data-range={ranges[`${b.proc}/${b.key}`] || undefined}
                    >
                      {fitText(
                        b.w -
                          16 -
                          7 *
                            (g.label.length +
                              (g.label.replace(/[[\]\s]/g, "") !== g.name ? g.name.length + 1 : 0)),
                        6.4,
                        ...(ranges[`${b.proc}/${b.key}`]
                          ? [
                              ranges[`${b.proc}/${b.key}`]!,
                              ranges[`${b.proc}/${b.key}`]!.replace("pages ", ""),
                            ]
                          : b.w > 150
                            ? [`${protLetters(g.prot)} ${g.share}`]
                            : []),
                      )}
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
        {snap &&
          width > 0 &&
          layout.segs.map((b) => {
            const p = procs.find((x) => x.name === b.proc)!;
            const g = p.segs.find((x) => segKeyOf(x) === b.key)!;
            const st = stripOf(b);
            if (b.h < 24 || !zoomable(g, st.w)) return null;
            const id = `${b.proc}/${b.key}`;
            return (
              <SegZoom
                key={id}
                snap={snap}
                proc={p.name}
                seg={g}
                {...st}
                onRange={(label) => onRange(id, label)}
              />
            );
          })}
      </div>
    </Panel>
  );
}
