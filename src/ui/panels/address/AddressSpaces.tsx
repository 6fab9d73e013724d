/**
 * The Address spaces panel: a column per live process, its segments at their addresses with
 * their labels and page strips (PageStrip, or the zoomable SegZoom for a big segment).
 */
import { useShallow } from "zustand/react/shallow";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { setAddressNeed } from "../../scale/wants";
import { selectSegment } from "../../../state/view";
import { segKeyOf } from "../../../state/links";
import { aliveProcs, targetProc } from "../../../state/selectors";
import { shownMapping } from "../anon/shownMapping";
import { useApp } from "../../../state/store";
import { procColor, protLetters } from "../../colors";
import { useLinks, useNow } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { useSize } from "../../hooks/useSize";
import { addressLayout, panelOptions, type AsTick } from "../../layout/addressSpace";
import { fitText, pmapAddr } from "../../layout/states";
import { FS, FS_NAME, MONO_EM, SANS_EM, monoW, sansW } from "../../layout/type";
import { usePanelUnit } from "../../scale/useUnit";
import { Panel } from "../../Panel";
import { AnonLegend } from "../anon/AnonLegend";
import { SegZoom } from "../lazyZoom";
import { PageStrip } from "./PageStrip";
import { inlineRangeW, LABEL_H, segForm, shortRange, stripOf, zoomable } from "../../layout/segBox";

export function AddressSpaces() {
  const snap = useApp((s) => s.engine.snapshot);
  const shown = useApp(useShallow(shownMapping));
  const target = useApp((s) => targetProc(s)?.name ?? null);
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const { links } = useLinks();
  const now = useNow();
  const marks = useMarks();
  const u = usePanelUnit("address");
  const procs = useMemo(() => aliveProcs(snap), [snap]);
  // a narrow panel (the embed) leaves the address axis out rather than squeeze the columns (the
  // tooltips still give each segment's address)
  const opts = useMemo(
    () => panelOptions(width, Math.max(124 * u, height), procs.length, u),
    [width, height, procs.length, u],
  );
  const axisW = opts.axisWidth;
  const layout = useMemo(
    () =>
      addressLayout(
        procs.map((p) => ({
          name: p.name,
          segs: p.segs.map((g) => ({ key: segKeyOf(g), vpn: g.vpn, pages: g.pages })),
        })),
        opts,
      ),
    [procs, opts],
  );
  // ask for the height every segment's strip needs (the panel's head and padding on top)
  const onStage = useApp((s) => s.view.presenting === "address");
  useLayoutEffect(() => {
    setAddressNeed(onStage || procs.length === 0 ? 0 : layout.need + 44 * u);
    return () => setAddressNeed(0);
  }, [layout.need, u, onStage, procs.length]);
  // the visible pages of each zoomed strip, by "proc/segkey", shown in the box's label line
  const [ranges, setRanges] = useState<Readonly<Record<string, string>>>({});
  const onRange = useCallback(
    (id: string, label: string) => setRanges((r) => ((r[id] ?? "") === label ? r : { ...r, [id]: label })),
    [],
  );
  const exited = snap ? snap.procs.filter((p) => !p.alive).map((p) => p.name) : [];
  // what the colours and the rw / r / – lanes mean: on stage, or once a strip is zoomed in
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
            height={layout.height + 4 * u}
            role="img"
            aria-label="Address spaces of the live processes"
          >
            {(axisW > 4 * u ? spacedTicks(layout.ticks, LABEL_H * u) : []).map((t, i) => (
              <text key={i} x={4 * u} y={t.y + (FS + 1) * u} fontSize={FS * u} className="t-mono t-muted">
                {pmapAddr("0x" + (BigInt(t.vpn) * BigInt(snap.pageSize)).toString(16).padStart(16, "0"))}
              </text>
            ))}
            {layout.breaks.map((y, i) => (
              <line key={i} className="break-mark" x1={4 * u} x2={width - 4 * u} y1={y} y2={y} />
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
                  <rect x={c.x} y={5 * u} width={11 * u} height={11 * u} rx={2 * u} fill={color} />
                  <text x={c.x + 16 * u} y={15 * u} fontSize={FS_NAME * u} className="t-bold">
                    {p.name}
                    <tspan className="t-muted" fontWeight={400} fontSize={FS * u}>
                      {/* a narrow column (the embed view) drops "· selected", then the pid, never mid-word */}
                      {fitText(
                        c.w - 18 * u - sansW(p.name, FS_NAME) * u,
                        FS * SANS_EM * u,
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
              const form = segForm(b, g, u);
              const range = ranges[`${b.proc}/${b.key}`] ?? "";
              const strip = stripOf(b, g, u, range);
              const rangeW = form === "inline" ? inlineRangeW(b, g, u, range) : 0;
              const nameWidth =
                monoW(`${g.label}${g.label.replace(/[[\]\s]/g, "") !== g.name ? ` ${g.name}` : ""}`) * u;
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
                    className={`seg-box${isShown ? " selected" : ""}${marks.segs.has(`${p.name}/${g.name}`) || marks.procs.has(p.name) ? " chg" : ""}`}
                    x={b.x}
                    y={b.y}
                    width={b.w}
                    height={b.h}
                    rx={4 * u}
                  />
                  <rect x={b.x} y={b.y} width={4 * u} height={b.h} fill={color} rx={2 * u} />
                  {b.h >= 14 * u && (
                    <text
                      x={b.x + 9 * u}
                      y={b.y + (form === "stacked" ? 13 : Math.min(13, b.h / u / 2 + 4.5)) * u}
                      fontSize={FS * u}
                      className="t-mono"
                    >
                      <tspan className="t-bold">
                        {fitText(b.w - 12 * u, FS * MONO_EM * u, g.label, g.label.replace(/\s/g, ""))}
                      </tspan>
                      {g.label.replace(/[[\]\s]/g, "") !== g.name && (
                        <tspan className="t-muted">
                          {fitText(b.w - 12 * u - monoW(`${g.label} `) * u, FS * MONO_EM * u, ` ${g.name}`)}
                        </tspan>
                      )}
                    </text>
                  )}
                  {form === "stacked" && (
                    <text
                      x={b.x + b.w - 6 * u}
                      y={b.y + 13 * u}
                      fontSize={FS * u}
                      textAnchor="end"
                      className="t-mono t-muted"
                      data-range={range || undefined}
                    >
                      {fitText(
                        b.w - 18 * u - nameWidth,
                        FS * MONO_EM * u,
                        ...(range
                          ? [range, range.replace("pages ", "")]
                          : [`${protLetters(g.prot)} ${g.share}`, protLetters(g.prot)]),
                      )}
                    </text>
                  )}
                  {form === "inline" && range && (
                    <text
                      x={b.x + b.w - 6 * u}
                      y={b.y + Math.min(13, b.h / u / 2 + 4.5) * u}
                      fontSize={FS * u}
                      textAnchor="end"
                      className="t-mono t-muted"
                      data-range={range}
                    >
                      {rangeW ? shortRange(range) : ""}
                    </text>
                  )}
                  {strip && (
                    <PageStrip
                      snap={snap}
                      proc={p}
                      seg={g}
                      box={b}
                      links={links}
                      nowPage={nowPage}
                      strip={strip}
                      marks={marks}
                    />
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
            const st = stripOf(b, g, u, ranges[`${b.proc}/${b.key}`] ?? "");
            if (!st || !zoomable(g, st.w)) return null;
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

/** The address labels that fit: one every `h` pixels at most (the first of a crowd wins). */
function spacedTicks(ticks: readonly AsTick[], h: number): AsTick[] {
  const out: AsTick[] = [];
  for (const t of ticks) if (!out.length || t.y - out[out.length - 1]!.y >= h) out.push(t);
  return out;
}
