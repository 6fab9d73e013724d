import { useShallow } from "zustand/react/shallow";
import { useMemo, useRef } from "react";
import { linkIndex } from "../../state/links";
import { rowsFor, shownSeg } from "../../state/selectors";
import { useApp } from "../../state/store";
import { useNow } from "../hooks/useLinks";
import { useSize } from "../hooks/useSize";
import { anonLayout } from "../layout/anonLayer";
import { fmt } from "../layout/states";
import { Panel } from "../Panel";
import { AnonZoom, ZoomBar } from "./lazyZoom";
import { AnonDiagram } from "./AnonDiagram";
import { SlotSummary } from "./SlotSummary";
import { anonIn } from "../../worker/tables";

/** Most processes drawn for one mapping; the rest are counted. */
const MAX_ROWS = 4;

/** Legend entries: [swatch class, label, label in the zoomable view (shorter: more entries)]. */
const ENTRIES = [
  ["sw-empty", "empty slot", "empty"],
  ["sw-anon", "anon, an_refcnt 1", "refcnt 1"],
  ["sw-shared", "shared anon (refcnt > 1)", "shared"],
  ["sw-file", "file page", "file"],
  ["sw-swapped", "on swap only", "on swap"],
  ["sw-now", "this event", "this event"],
] as const;

/**
 * The slot colours, and zoomed (`zoom`) the translation lane's and (`chunks`) the anon_hdr
 * chunks'. Address spaces shows it too, with the "–" a page with no translation has.
 */
export function AnonLegend({
  zoom,
  chunks = zoom,
  none = false,
}: {
  zoom: boolean;
  chunks?: boolean;
  none?: boolean;
}) {
  return (
    <div className="legend" aria-label="Legend">
      {chunks && (
        <span title="a chunk of the anon_hdr's second level; the bar shows how many of its slots are used">
          <i className="sw-chunk" />
          anon_hdr chunk
        </span>
      )}
      {zoom && (
        <span title="the process's translation (HAT): writable, read-only, none (– on a single page)">
          <i className="sw-hat" />
          rw <i className="sw-hat-ro" />r translation{none && ", – none"}
        </span>
      )}
      {ENTRIES.map(([sw, long, short]) => (
        <span key={sw} title={long}>
          <i className={sw} />
          {zoom ? short : long}
        </span>
      ))}
    </div>
  );
}

export function AnonLayer() {
  const snap = useApp((s) => s.engine.snapshot);
  const seg = useApp(useShallow(shownSeg));
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const now = useNow();
  const all = useMemo(() => rowsFor(snap, seg), [snap, seg]);
  const rows = useMemo(() => all.slice(0, MAX_ROWS), [all]);
  const orphan = useMemo(() => {
    const a = now?.anon;
    if (!snap || !a || !anonIn(snap.anons, a)) return [];
    return linkIndex(snap).byAnon.has(a) ? [] : [a];
  }, [snap, now]);
  const layout = useMemo(
    () =>
      anonLayout(
        rows.map((r) => ({
          proc: r.proc.name,
          pages: r.seg.pages,
          slots: r.seg.detail.kind === "pages" ? r.seg.detail.anon : null,
        })),
        orphan,
        { width: Math.max(320, width), height: Math.max(120, height) },
      ),
    [rows, orphan, width, height],
  );
  const first = rows[0]?.seg;
  const sub = first
    ? `${seg!.name} · ${fmt(first.pages)} ${first.pages === 1 ? "page" : "pages"} · ${first.share} ${first.source}`
    : undefined;
  return (
    <Panel
      id="anon"
      title="Anon layer"
      sub={sub}
      legend={<AnonLegend zoom={layout.mode === "density"} />}
      actions={snap && rows.length > 0 && layout.mode === "density" ? <ZoomBar /> : undefined}
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
          <AnonZoom
            snap={snap}
            rows={rows}
            width={width}
            height={Math.max(120, height - (all.length > MAX_ROWS ? 24 : 0))}
          />
        )}
        {all.length > MAX_ROWS && (
          <p style={{ margin: "0 10px 8px", fontSize: 12, color: "var(--muted)" }}>
            {all.length - MAX_ROWS} more {all.length - MAX_ROWS === 1 ? "process maps" : "processes map"}{" "}
            {seg?.name} too.
          </p>
        )}
      </div>
    </Panel>
  );
}
