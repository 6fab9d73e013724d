import { useShallow } from "zustand/react/shallow";
import { useMemo, useRef } from "react";
import { linkIndex } from "../../../state/links";
import { rowsFor } from "../../../state/selectors";
import { useApp } from "../../../state/store";
import { anonIn } from "../../../contract/wire/tables";
import { useNow } from "../../hooks/useLinks";
import { useSize } from "../../hooks/useSize";
import { spanOf } from "../../layout/anonBand";
import { anonLayout, MAX_ROWS } from "../../layout/anonLayer";
import { fmt } from "../../layout/states";
import { Panel } from "../../Panel";
import { usePanelUnit } from "../../scale/useUnit";
import { useCompact, useHoverWord } from "../../phone/compact";
import { AnonDiagram } from "./AnonDiagram";
import { AnonLegend } from "./AnonLegend";
import { AnonZoom, ZoomBar } from "../lazyZoom";
import { shownMapping } from "./shownMapping";
import { SlotSummary } from "./SlotSummary";

export { AnonLegend } from "./AnonLegend";

export function AnonLayer() {
  const snap = useApp((s) => s.engine.snapshot);
  const seg = useApp(useShallow(shownMapping));
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const u = usePanelUnit("anon");
  const now = useNow();
  const all = useMemo(() => rowsFor(snap, seg), [snap, seg]);
  const rows = useMemo(() => all.slice(0, MAX_ROWS), [all]);
  const orphan = useMemo(() => {
    const a = now?.anon;
    if (!snap || !a || !anonIn(snap.anons, a)) return [];
    return linkIndex(snap).byAnon.has(a) ? [] : [a];
  }, [snap, now]);
  const more = all.length - rows.length;
  const noteH = more > 0 ? 22 * u : 0;
  const layout = useMemo(() => {
    const first = rows[0]?.seg;
    const orphanCol =
      first && now?.page !== undefined && now.seg === first.name ? now.page - first.first : null;
    return anonLayout(
      rows.map((r) => ({
        proc: r.proc.name,
        order: snap ? snap.procs.indexOf(r.proc) : 0,
        pages: r.seg.pages,
        slots: r.seg.detail.kind === "pages" ? r.seg.detail.anon : null,
      })),
      orphan,
      {
        width: Math.max(320 * u, width),
        height: Math.max(120 * u, height - noteH),
        u,
        ...(snap ? { span: spanOf(snap.anons.count - 1, snap.pageSize, snap.frames.count - 1) } : {}),
        orphanCol: orphanCol !== null && orphanCol >= 0 && orphanCol < first!.pages ? orphanCol : null,
      },
    );
  }, [rows, orphan, width, height, u, snap, now, noteH]);
  const first = rows[0]?.seg;
  const sub = first
    ? `${seg!.name} · ${fmt(first.pages)} ${first.pages === 1 ? "page" : "pages"} · ${first.share} ${first.source}`
    : undefined;
  const level = layout.anons[0]?.level;
  const hover = useHoverWord();
  // a phone has no presentation mode (⤢): a pinch enlarges the drawing there
  const bigger = useCompact() ? "pinch" : "⤢";
  const note =
    level === "tiny"
      ? `anons too small to name: ${hover} one, or ${bigger}`
      : level === "line" || level === "name" || level === "upright"
        ? `bar: page in memory; ${hover} for its frame`
        : undefined;
  return (
    <Panel
      id="anon"
      title="Anon layer"
      sub={sub}
      legend={<AnonLegend zoom={layout.mode === "density"} />}
      actions={
        snap && rows.length > 0 && layout.mode === "density" ? (
          <ZoomBar />
        ) : note ? (
          <span className="lod-note" data-lod="">
            {note}
          </span>
        ) : undefined
      }
    >
      <div ref={body} style={{ height: "100%" }}>
        {snap && rows.length === 0 && (
          <div className="empty-state">
            No mapping to show. Map one (mmap) or click a segment in Address spaces.
          </div>
        )}
        {snap && rows.length > 0 && width > 0 && layout.mode !== "density" && (
          <AnonDiagram snap={snap} rows={rows} layout={layout} />
        )}
        {snap && layout.mode === "detail" && <SlotSummary snap={snap} rows={rows} />}
        {snap && rows.length > 0 && width > 0 && layout.mode === "density" && (
          <AnonZoom snap={snap} rows={rows} width={width} height={Math.max(120 * u, height - noteH)} />
        )}
        {more > 0 && (
          <p className="panel-note">
            {`${more} more ${more === 1 ? "process maps" : "processes map"} ${seg?.name ?? "it"} too (not drawn).`}
          </p>
        )}
      </div>
    </Panel>
  );
}
