import { useMemo, useRef } from "react";
import { select, setHover } from "../../../state/view";
import { useApp } from "../../../state/store";
import type { Snapshot } from "../../../contract/wire/protocol";
import { cls, useLinks, useNow } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { useSize } from "../../hooks/useSize";
import { gridLayout } from "../../layout/grid";
import { fitText, fmt, hexOffset, kb, shortSize } from "../../layout/states";
import { FS, MONO_EM } from "../../layout/type";
import { usePanelUnit } from "../../scale/useUnit";
import { Panel } from "../../Panel";
import { closeUpEnd } from "../../layout/slotStrip";
import { STRIP_PAD, stripSurfaceH, SWAP_LANE_H } from "../../zoom/stripSize";
import { SwapLegend, SwapZoom } from "../lazyZoom";

/** Swap device slots in use, by slot number, with the anon each one backs (the first ones the worker lists). */
function usedSlots(snap: Snapshot): { slot: number; anon: number }[] {
  const u = snap.swapUse;
  return Array.from(u.slots, (slot, k) => ({ slot, anon: u.anons[k]! }));
}

/** Up to this many slots in use, the close-up draws each as a box above the device strip. */
const CLOSEUP_MAX = 128;
/** The zoom bar and the strip's surface (design px). */
const STRIP_BLOCK_H = stripSurfaceH(SWAP_LANE_H) + 34;

export function SwapPanel() {
  const snap = useApp((s) => s.engine.snapshot);
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const { links } = useLinks();
  const now = useNow();
  const marks = useMarks();
  const u = usePanelUnit("swap");
  const slots = useMemo(() => (snap ? usedSlots(snap) : []), [snap]);
  const used = snap?.swapUse.used ?? 0;
  // a few slots near the start: the strip opens on them as boxes; else up to CLOSEUP_MAX as a grid
  const start =
    slots.length === used ? closeUpEnd(slots[used - 1]?.slot ?? 0, (width - 2 * STRIP_PAD * u) / u) : 0;
  const shown = !start && slots.length <= CLOSEUP_MAX ? slots : [];
  const grid = gridLayout([{ key: "slots", count: shown.length }], {
    width,
    // the device strip goes under the close-up
    height: Math.max(40 * u, height - STRIP_BLOCK_H * u),
    headerH: 0,
    maxLevel: "compact",
    u,
    pad: 6 * u,
  });
  const sw = snap?.swap;
  const ps = snap?.pageSize ?? 4096;
  const total = sw ? sw.usedPages + sw.availablePages : 1;
  return (
    <Panel
      id="swap"
      title="Swap"
      column
      sub={sw ? `device: ${fmt(sw.deviceSlotsUsed)} of ${fmt(sw.deviceSlots)} slots in use` : undefined}
      legend={used > 0 ? <SwapLegend /> : undefined}
    >
      {sw && (
        <>
          <div className="swap-figs" aria-label="swap -s figures">
            {(
              [
                ["allocated", sw.allocatedPages, "anon structs that exist (touched pages)"],
                ["reserved", sw.reservedPages, "promised at mmap/fork, not yet allocated"],
                ["used", sw.usedPages, "allocated + reserved"],
                ["available", sw.availablePages, "what can still be reserved"],
              ] as const
            ).map(([k, v, t]) => (
              <div
                className={`fig${marks.swapFigures.has(k) ? " chg" : ""}`}
                key={k}
                title={`${t}: ${kb(v, ps)}`}
                data-fig={k}
                data-pages={v}
              >
                <div className="k">{k}</div>
                <div className="v">{shortSize(v, ps)}</div>
              </div>
            ))}
          </div>
          <SwapList text={snap.text.swapL} />
          <div className="swapbar" aria-hidden="true">
            <div className="alloc" style={{ width: `${(100 * sw.allocatedPages) / total}%` }} />
            <div className="resv" style={{ width: `${(100 * sw.reservedPages) / total}%` }} />
          </div>
        </>
      )}
      <div ref={body} className="scroll" tabIndex={0} aria-label="Swap device slots in use">
        {snap && sw && used === 0 && (
          <div className="swap-explain">
            <p className="eq mono">
              {kb(sw.allocatedPages, ps)} allocated + {kb(sw.reservedPages, ps)} reserved ={" "}
              {kb(sw.usedPages, ps)} used
            </p>
            <p>
              <b>reserved</b>: promised (at mmap, fork, brk, stack growth) but not yet backed by an anon
              struct. <b>allocated</b>: pages that have an anon struct (touched). Neither takes a slot on the
              device.
            </p>
            <p>No page is on the swap device yet: a pageout writes anon pages here, one slot each.</p>
          </div>
        )}
        {snap && shown.length > 0 && width > 0 && (
          <svg
            width={width}
            height={grid.height}
            role="img"
            aria-label={`${snap.swapUse.used} swap device slots in use`}
          >
            {shown.map((s, i) => {
              const b = grid.sections[0]!.cells[i]!;
              const lit = links.swap.has(s.slot);
              const isNow = now?.swapSlot === s.slot;
              return (
                <g
                  key={s.slot}
                  className={cls("swap-slot", lit, isNow, marks.swap.has(s.slot))}
                  data-link={`swap:${s.slot}`}
                  data-anon={`anon:${s.anon}`}
                  onMouseEnter={() => setHover({ kind: "swap", slot: s.slot })}
                  onMouseLeave={() => setHover(null)}
                  onClick={() => select({ kind: "swap", slot: s.slot })}
                >
                  <title>{`swap slot ${s.slot}: holds anon:${s.anon} (swapfs, ${hexOffset(s.anon, ps)})`}</title>
                  <rect
                    className={`swap-box hl${grid.size.level === "tiny" ? " tiny" : ""}`}
                    x={b.x}
                    y={b.y}
                    width={b.w}
                    height={b.h}
                    rx={(grid.size.level === "tiny" ? 1.5 : 3) * u}
                  />
                  {grid.size.level !== "tiny" && (
                    <text
                      x={b.x + b.w / 2}
                      y={b.y + b.h / 2 + 4.2 * u}
                      textAnchor="middle"
                      fontSize={FS * u}
                      className="t-mono"
                    >
                      {fitText(b.w - 6 * u, FS * MONO_EM * u, `#${s.slot}`)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        )}
        {snap && used > 0 && width > 0 && (
          <>
            <SwapZoom snap={snap} width={width} start={start} />
          </>
        )}
      </div>
    </Panel>
  );
}

/**
 * swap -l's device lines, each as its fields under their column names: the tool's line is wider
 * than the panel at a readable size (the Console prints it as the tool does).
 */
function SwapList({ text }: { text: string }) {
  const lines = text.trimEnd().split("\n");
  const head = lines[0]?.trim().split(/\s+/) ?? [];
  const rows = lines.slice(1).map((l) => l.trim().split(/\s+/));
  const table = head.length > 1 && rows.every((r) => r.length === head.length);
  return (
    <div className="swap-l" aria-label="swap -l output">
      <span className="cmd">$ swap -l</span>
      {table ? (
        rows.map((r, i) => (
          <dl key={i}>
            {r.map((v, k) => (
              <div key={k} className={k === 0 ? "file" : undefined}>
                <dt>{head[k]}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        ))
      ) : (
        <p>{text.trim()}</p>
      )}
    </div>
  );
}
