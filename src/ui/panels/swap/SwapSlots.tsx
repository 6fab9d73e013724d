/**
 * Single slots of the zoomed Swap device view: a cell per slot coloured by its state, and,
 * zoomed in further, a box naming the anon it holds and that anon's page name (swapfs, offset)
 * under its slot number. A slot in use takes part in the linked highlighting as the close-up
 * boxes do; the current event's slot is marked. Zoomed out, marks show where the current
 * event's slot and the slots linked to the focus lie on the strip.
 */
import { select, setHover } from "../../../state/view";
import type { Snapshot } from "../../../contract/wire/protocol";
import { SS_LABEL, SS_USED } from "../../../contract/wire/protocol";
import { cls, useLinks, useNow } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { SLOT_STATE_COLORS, type SlotCell } from "../../layout/slotStrip";
import { hexOffset } from "../../layout/states";
import type { PageScale } from "../../layout/pageScale";
import { CellShape } from "../../zoom/CellShape";

const BOX_CLASS = ["swap-box free", "swap-box label", "", "", "swap-box"] as const;

/** What a slot holds, in the words of its tooltip. */
function slotTitle(c: SlotCell, pageSize: number): string {
  if (c.state === SS_LABEL) return `swap slot ${c.slot}: the device label (never handed out)`;
  if (c.state !== SS_USED || !c.anon) return `swap slot ${c.slot}: free`;
  return `swap slot ${c.slot}: holds anon:${c.anon} (swapfs, ${hexOffset(c.anon, pageSize)})`;
}

export function SwapSlots(props: {
  snap: Snapshot;
  cells: readonly SlotCell[];
  y: number;
  h: number;
  boxes: boolean;
}) {
  const { snap, cells, y, h, boxes } = props;
  const { links } = useLinks();
  const now = useNow();
  const marks = useMarks();
  const ps = snap.pageSize;
  return (
    <g className="swap-cells">
      {cells.map((c) => {
        const a = c.state === SS_USED ? c.anon : 0;
        const offset = a ? hexOffset(a, ps) : "";
        const lines = [
          `slot ${c.slot}`,
          a ? `anon:${a}` : c.state === SS_LABEL ? "label" : "free",
          ...(a ? [[`swapfs ${offset}`, offset]] : []),
        ];
        return (
          <g
            key={c.slot}
            className={
              a
                ? cls("swap-slot", links.swap.has(c.slot), now?.swapSlot === c.slot, marks.swap.has(c.slot))
                : "swap-free"
            }
            data-slot={c.slot}
            data-state={c.state}
            {...(a ? { "data-link": `swap:${c.slot}`, "data-anon": `anon:${a}`, "data-offset": offset } : {})}
            onMouseEnter={a ? () => setHover({ kind: "swap", slot: c.slot, anon: a }) : undefined}
            onMouseLeave={a ? () => setHover(null) : undefined}
            onClick={a ? () => select({ kind: "swap", slot: c.slot, anon: a }) : undefined}
          >
            <title>{slotTitle(c, ps)}</title>
            <CellShape
              x={c.x}
              w={c.w}
              y={y}
              h={h}
              boxClass={BOX_CLASS[c.state] ?? "swap-box"}
              fill={`var(${SLOT_STATE_COLORS[c.state] ?? "--empty"})`}
              lines={boxes ? lines : null}
            />
          </g>
        );
      })}
    </g>
  );
}

/** Most linked slots marked on the zoomed-out strip. */
const MARKS_MAX = 64;

/** Where the current event's slot and the linked slots lie on the strip (at its zoom `s`). */
export function SlotMarks({ s, y, height }: { s: PageScale; y: number; height: number }) {
  const { links } = useLinks();
  const now = useNow()?.swapSlot ?? 0;
  const lit = [...links.swap].filter((n) => n >= s.lo - 1 && n < s.hi + 1).slice(0, MARKS_MAX);
  const mark = (n: number, className: string) => {
    const x0 = s.x(n);
    const w = Math.max(2, s.x(n + 1) - x0);
    return (
      <rect
        key={`${className}${n}`}
        className={className}
        x={x0 - (w === 2 ? 1 : 0)}
        y={y}
        width={w}
        height={height}
      />
    );
  };
  return (
    <g className="slot-marks" aria-hidden="true">
      {lit.map((n) => mark(n, "slot-mark lit"))}
      {now > 0 && now >= s.lo - 1 && now < s.hi + 1 && mark(now, "slot-mark now")}
    </g>
  );
}
