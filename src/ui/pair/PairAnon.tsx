import { useMemo } from "react";
import type { Snapshot } from "../../contract/wire/protocol";
import { rowsFor } from "../../state/selectors";
import type { SegRef } from "../../state/store";
import { ForeignDiagram } from "../hooks/foreign";
import { spanOf } from "../layout/anonBand";
import { anonLayout, MAX_ROWS } from "../layout/anonLayer";
import { AnonDiagram } from "../panels/anon/AnonDiagram";

/** The mapping of the second run to draw: the one the first shows, else its first with an anon_map. */
export function besideMapping(snap: Snapshot, want: SegRef | null): SegRef | null {
  const alive = snap.procs.filter((p) => p.alive);
  const same = want && alive.some((p) => p.segs.some((g) => g.name === want.name && g.first === want.first));
  if (same) return want;
  for (const p of alive) {
    const g = p.segs.find((x) => x.amp) ?? p.segs.find((x) => want && x.name === want.name);
    if (g) return { name: g.name, first: g.first };
  }
  return null;
}

/**
 * The second run's slots and anons, drawn as the Anon layer draws the first's (the same layout,
 * the same diagram), but marked as another run's: the first's hover, event and marks do not
 * apply, and it takes no clicks.
 */
export function PairAnon(props: {
  snap: Snapshot;
  seg: SegRef | null;
  width: number;
  height: number;
  u: number;
}) {
  const { snap, seg, width, height, u } = props;
  const rows = useMemo(() => rowsFor(snap, seg).slice(0, MAX_ROWS), [snap, seg]);
  const layout = useMemo(
    () =>
      anonLayout(
        rows.map((r) => ({
          proc: r.proc.name,
          order: snap.procs.indexOf(r.proc),
          pages: r.seg.pages,
          slots: r.seg.detail.kind === "pages" ? r.seg.detail.anon : null,
        })),
        [],
        {
          width: Math.max(320 * u, width),
          height: Math.max(100 * u, height),
          u,
          span: spanOf(snap.anons.count - 1, snap.pageSize, snap.frames.count - 1),
          orphanCol: null,
        },
      ),
    [rows, snap, width, height, u],
  );
  if (rows.length === 0) return <p className="empty-state">No mapping to show yet.</p>;
  if (layout.mode === "density")
    return (
      <p className="empty-state">Too many slots to draw here: open this scenario on its own to zoom in.</p>
    );
  return (
    <ForeignDiagram.Provider value={true}>
      <AnonDiagram snap={snap} rows={rows} layout={layout} className="pair-diagram" />
    </ForeignDiagram.Provider>
  );
}
