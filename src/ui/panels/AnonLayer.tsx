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
import { AnonDensity } from "./AnonDensity";
import { AnonDiagram } from "./AnonDiagram";
import { SlotSummary } from "./SlotSummary";
import { anonIn } from "../../worker/tables";

/** Most processes drawn for one mapping; the rest are counted. */
const MAX_ROWS = 4;

function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      <span>
        <i className="sw-empty" />
        empty slot
      </span>
      <span>
        <i className="sw-anon" />
        anon, an_refcnt 1
      </span>
      <span>
        <i className="sw-shared" />
        shared anon (refcnt &gt; 1)
      </span>
      <span>
        <i className="sw-file" />
        file page
      </span>
      <span>
        <i className="sw-swapped" />
        on swap only
      </span>
      <span>
        <i className="sw-now" />
        this event
      </span>
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
    <Panel id="anon" title="Anon layer" sub={sub} legend={<Legend />}>
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
          <AnonDensity snap={snap} rows={rows} width={width} />
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
