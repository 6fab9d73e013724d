import { useMemo, useRef } from "react";
import { select, setHover } from "../../../state/view";
import { useApp } from "../../../state/store";
import { FK_ANON, FK_FILE, type Snapshot } from "../../../contract/wire/protocol";
import { frameIn, idAt, refcntIn, rowCount } from "../../../contract/wire/tables";
import { cls, useLinks, useNowSet } from "../../hooks/useLinks";
import { useMarks } from "../../hooks/useMarks";
import { useSize } from "../../hooks/useSize";
import { gridLayout } from "../../layout/grid";
import { fitText, fmt, hexOffset } from "../../layout/states";
import { FS, FS_NAME, MONO_EM, SANS_EM, monoW } from "../../layout/type";
import { usePanelUnit } from "../../scale/useUnit";
import { Panel } from "../../Panel";
import { ViewFrameBoxes } from "./PhysicalMemoryView";
import { PhysicalZoom, PhysLegend } from "../lazyZoom";

export interface FrameGroup {
  readonly key: string;
  readonly title: string;
  readonly kind: "anon" | "file";
  /** page ids, by pfn */
  readonly ids: number[];
}

/** Frames that hold an identity, anon pages apart from each file's pages (those the snapshot carries). */
function frameGroups(snap: Snapshot): FrameGroup[] {
  const f = snap.frames;
  const anon: number[] = [];
  const files = new Map<number, number[]>();
  const n = rowCount(f);
  for (let r = 0; r < n; r++) {
    const id = idAt(f, r);
    if (id === 0) continue;
    if (f.kind[r] === FK_ANON) anon.push(id);
    else if (f.kind[r] === FK_FILE) {
      const list = files.get(f.owner[r]!) ?? [];
      list.push(id);
      files.set(f.owner[r]!, list);
    }
  }
  const pfn = (id: number): number => frameIn(f, id)?.pfn ?? 0;
  const offset = (id: number): number => frameIn(f, id)?.offset ?? 0;
  const byPfn = (a: number, b: number) => pfn(a) - pfn(b);
  const out: FrameGroup[] = [
    { key: "anon", title: "anon pages · vnode swapfs", kind: "anon", ids: anon.sort(byPfn) },
  ];
  for (const [fi, ids] of [...files.entries()].sort((a, b) => a[0] - b[0])) {
    out.push({
      key: `file:${fi}`,
      title: `file pages · ${snap.files[fi] ?? "?"}`,
      kind: "file",
      ids: ids.sort((a, b) => offset(a) - offset(b)),
    });
  }
  return out.filter((g) => g.ids.length > 0);
}

/** Up to this many frames in use, each is drawn (grouped by vnode); more zoom by pfn. */
const FRAME_CAP = 2000;

export function PhysicalMemory() {
  const snap = useApp((s) => s.engine.snapshot);
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const { links } = useLinks();
  const now = useNowSet();
  const marks = useMarks();
  const used = snap?.phys.used ?? 0;
  const dense = used > FRAME_CAP;
  const groups = useMemo(() => (snap && !dense ? frameGroups(snap) : []), [snap, dense]);
  const u = usePanelUnit("physical");
  const grid = gridLayout(
    groups.map((g) => ({ key: g.key, count: g.ids.length })),
    { width, height: Math.max(40 * u, height), u, headerH: 18 * u, sectionGap: 8 * u, pad: 6 * u },
  );
  const mono = FS * MONO_EM * u;
  const ps = snap?.pageSize ?? 4096;
  const tiny = grid.size.level === "tiny";
  const sub = snap ? `${fmt(used)} / ${fmt(snap.ramPages)} in use` : undefined;
  return (
    <Panel id="physical" title="Physical memory" sub={sub} column legend={dense ? <PhysLegend /> : undefined}>
      {now.copy && (
        <div className="copy-banner" data-copy={`pp:${now.copy.from}->pp:${now.copy.to}`}>
          ppcopy <b>pp:{now.copy.from}</b> → <b>pp:{now.copy.to}</b>
          <span> · the page is copied</span>
        </div>
      )}
      <div ref={body} className="scroll" tabIndex={0} aria-label="Frames in use">
        {snap && used === 0 && (
          <div className="empty-state">
            Every frame is free: no page of the scenario is in memory (the kernel's own memory is not
            modelled).
          </div>
        )}
        {snap && dense && width > 0 && (
          <>
            <p className="phys-counts" data-used={used} data-anon={snap.phys.anon} data-file={snap.phys.file}>
              {[
                `${fmt(snap.phys.anon)} anon pages · vnode swapfs`,
                ...snap.phys.perFile.map((n, i) => (n ? `${fmt(n)} file pages · ${snap.files[i]}` : "")),
                snap.phys.cached ? `${fmt(snap.phys.cached)} on the cachelist` : "",
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            <PhysicalZoom snap={snap} width={width} />
            <div style={{ padding: `0 ${8 * u}px ${8 * u}px` }}>
              <ViewFrameBoxes snap={snap} width={width - 16 * u} />
            </div>
          </>
        )}
        {snap && !dense && used > 0 && width > 0 && (
          <svg width={width} height={grid.height} role="img" aria-label={`${used} frames in use`}>
            {grid.sections.map((sec, si) => {
              const g = groups[si]!;
              return (
                <g key={sec.key}>
                  <text x={8 * u} y={sec.y + 13 * u} fontSize={FS * u} className="t-muted">
                    {g.title} ({g.ids.length})
                  </text>
                  {g.ids.map((id, i) => {
                    const b = sec.cells[i]!;
                    const fr = frameIn(snap.frames, id);
                    const vnode = g.kind === "anon" ? "swapfs" : (snap.files[fr?.owner ?? -1] ?? "?");
                    const off = hexOffset(fr?.offset ?? 0, ps);
                    const cached = fr?.cached === true;
                    // an anon held by several slots: the Anon layer's and the zoomed view's "shared"
                    const refcnt = g.kind === "anon" && fr ? refcntIn(snap.anons, fr.owner) : 0;
                    const kind = refcnt > 1 ? "anon shared" : g.kind;
                    const lit = links.frames.has(id);
                    return (
                      <g
                        key={id}
                        className={cls("frame", lit, now.frames.has(id), marks.frames.has(id))}
                        data-link={`frame:${id}`}
                        data-frame={`pp:${id}`}
                        data-vnode={vnode}
                        data-offset={off}
                        onMouseEnter={() => setHover({ kind: "frame", id })}
                        onMouseLeave={() => setHover(null)}
                        onClick={() => select({ kind: "frame", id })}
                      >
                        <title>{`pp:${id} in frame ${fr?.pfn}: (${vnode}, ${off})${refcnt ? `, an_refcnt ${refcnt}` : ""}${cached ? ", free on the cachelist (still named)" : fr && !fr.mapped ? ", not mapped" : ""}`}</title>
                        <rect
                          className={`frame-box hl ${kind}${cached ? " cached" : ""}${tiny ? " tiny" : ""}`}
                          x={b.x}
                          y={b.y}
                          width={b.w}
                          height={b.h}
                          rx={(tiny ? 1.5 : 4) * u}
                        />
                        {grid.size.level === "full" && (
                          <>
                            <text
                              x={b.x + 6 * u}
                              y={b.y + 16 * u}
                              fontSize={FS_NAME * u}
                              className="t-mono t-bold"
                            >
                              pp:{id}
                            </text>
                            <text
                              x={b.x + b.w - 6 * u}
                              y={b.y + 16 * u}
                              fontSize={FS * u}
                              className="t-muted"
                              textAnchor="end"
                            >
                              {fitText(
                                b.w - 12 * u - monoW(`pp:${id}`, FS_NAME) * u,
                                FS * SANS_EM * u,
                                `pfn ${fr?.pfn}`,
                                "",
                              )}
                            </text>
                            <text x={b.x + 6 * u} y={b.y + 32 * u} fontSize={FS * u} className="t-mono">
                              {fitText(
                                b.w - 10 * u,
                                mono,
                                `(${g.kind === "anon" ? "swapfs" : shortName(vnode)}, ${off})`,
                                `${g.kind === "anon" ? "swapfs" : shortName(vnode)} ${off}`,
                                off,
                              )}
                            </text>
                          </>
                        )}
                        {grid.size.level === "compact" && (
                          <text
                            x={b.x + b.w / 2}
                            y={b.y + 16.5 * u}
                            fontSize={FS * u}
                            className="t-mono"
                            textAnchor="middle"
                          >
                            {fitText(b.w - 6 * u, mono, `pp:${id}`)}
                          </text>
                        )}
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </Panel>
  );
}

const shortName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
