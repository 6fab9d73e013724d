import { useMemo, useRef } from "react";
import { select, setHover } from "../../state/actions";
import { useApp } from "../../state/store";
import { FK_ANON, FK_FILE, type Snapshot } from "../../worker/protocol";
import { DensityCanvas } from "../DensityCanvas";
import { cls, useLinks, useNowSet } from "../hooks/useLinks";
import { useSize } from "../hooks/useSize";
import { gridLayout } from "../layout/grid";
import { fmt, hexOffset } from "../layout/states";
import { Panel } from "../Panel";

export interface FrameGroup {
  readonly key: string;
  readonly title: string;
  readonly kind: "anon" | "file";
  /** page ids, by pfn */
  readonly ids: number[];
}

/** Frames that hold an identity, anon pages apart from each file's pages. */
export function frameGroups(snap: Snapshot): FrameGroup[] {
  const f = snap.frames;
  const anon: number[] = [];
  const files = new Map<number, number[]>();
  for (let id = 1; id < f.count; id++) {
    if (f.kind[id] === FK_ANON) anon.push(id);
    else if (f.kind[id] === FK_FILE) {
      const list = files.get(f.owner[id]!) ?? [];
      list.push(id);
      files.set(f.owner[id]!, list);
    }
  }
  const byPfn = (a: number, b: number) => f.pfn[a]! - f.pfn[b]!;
  const out: FrameGroup[] = [
    { key: "anon", title: "anon pages · vnode swapfs", kind: "anon", ids: anon.sort(byPfn) },
  ];
  for (const [fi, ids] of [...files.entries()].sort((a, b) => a[0] - b[0])) {
    out.push({
      key: `file:${fi}`,
      title: `file pages · ${snap.files[fi] ?? "?"}`,
      kind: "file",
      ids: ids.sort((a, b) => f.offset[a]! - f.offset[b]!),
    });
  }
  return out.filter((g) => g.ids.length > 0);
}

const FRAME_CAP = 2000;
const PFN_COLORS = ["--empty", "--file", "--anon"] as const;

/** One column per group of pfns: free, file page or anon page. */
function pfnColumns(snap: Snapshot, columns: number): Uint8Array {
  const cols = new Uint8Array(columns);
  const anonN = new Uint32Array(columns);
  const fileN = new Uint32Array(columns);
  const f = snap.frames;
  for (let id = 1; id < f.count; id++) {
    const k = f.kind[id];
    if (!k) continue;
    const c = Math.min(columns - 1, Math.floor((f.pfn[id]! * columns) / snap.ramPages));
    if (k === FK_ANON) anonN[c]!++;
    else fileN[c]!++;
  }
  for (let c = 0; c < columns; c++)
    cols[c] = anonN[c]! + fileN[c]! === 0 ? 0 : anonN[c]! >= fileN[c]! ? 2 : 1;
  return cols;
}

export function PhysicalMemory() {
  const snap = useApp((s) => s.engine.snapshot);
  const body = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(body);
  const { links } = useLinks();
  const now = useNowSet();
  const groups = useMemo(() => (snap ? frameGroups(snap) : []), [snap]);
  const used = groups.reduce((s, g) => s + g.ids.length, 0);
  const dense = used > FRAME_CAP;
  const grid = gridLayout(
    groups.map((g) => ({ key: g.key, count: g.ids.length })),
    { width, height: Math.max(40, height) },
  );
  const cols = useMemo(
    () => (snap && dense && width > 0 ? pfnColumns(snap, width - 16) : null),
    [snap, dense, width],
  );
  const ps = snap?.pageSize ?? 4096;
  const tiny = grid.size.level === "tiny";
  const sub = snap ? `${fmt(used)} / ${fmt(snap.ramPages)} in use` : undefined;
  return (
    <Panel id="physical" title="Physical memory" sub={sub} column>
      {now.copy && (
        <div className="copy-banner" data-copy={`pp:${now.copy.from}->pp:${now.copy.to}`}>
          ppcopy <b>pp:{now.copy.from}</b> → <b>pp:{now.copy.to}</b>
          <span> · the page is copied</span>
        </div>
      )}
      <div ref={body} className="scroll">
        {snap && used === 0 && (
          <div className="empty-state">Every frame is free: no page has been touched yet.</div>
        )}
        {snap && dense && cols && (
          <div style={{ padding: 8 }}>
            <p style={{ margin: "0 0 6px", fontSize: 12 }}>
              {groups.map((g) => `${fmt(g.ids.length)} ${g.title}`).join(" · ")}
            </p>
            <DensityCanvas
              cols={cols}
              colors={PFN_COLORS}
              height={26}
              label={`Physical memory by frame number: ${fmt(used)} frames in use`}
            />
            <p style={{ margin: "6px 0 0", fontSize: 11.5, color: "var(--muted)" }}>
              Frames 0 to {fmt(snap.ramPages - 1)}, left to right; too many to draw one by one.
            </p>
          </div>
        )}
        {snap && !dense && used > 0 && width > 0 && (
          <svg width={width} height={grid.height} role="img" aria-label={`${used} frames in use`}>
            {grid.sections.map((sec, si) => {
              const g = groups[si]!;
              return (
                <g key={sec.key}>
                  <text x={8} y={sec.y + 11} fontSize={11} className="t-muted">
                    {g.title} ({g.ids.length})
                  </text>
                  {g.ids.map((id, i) => {
                    const b = sec.cells[i]!;
                    const vnode = g.kind === "anon" ? "swapfs" : (snap.files[snap.frames.owner[id]!] ?? "?");
                    const off = hexOffset(snap.frames.offset[id]!, ps);
                    const cached = !snap.frames.mapped[id];
                    const lit = links.frames.has(id);
                    return (
                      <g
                        key={id}
                        className={cls("frame", lit, now.frames.has(id))}
                        data-link={`frame:${id}`}
                        data-frame={`pp:${id}`}
                        data-vnode={vnode}
                        data-offset={off}
                        onMouseEnter={() => setHover({ kind: "frame", id })}
                        onMouseLeave={() => setHover(null)}
                        onClick={() => select({ kind: "frame", id })}
                      >
                        <title>{`pp:${id} in frame ${snap.frames.pfn[id]}: (${vnode}, ${off})${cached ? ", not mapped (cachelist)" : ""}`}</title>
                        <rect
                          className={`frame-box hl ${g.kind}${cached ? " cached" : ""}${tiny ? " tiny" : ""}`}
                          x={b.x}
                          y={b.y}
                          width={b.w}
                          height={b.h}
                          rx={tiny ? 1.5 : 4}
                        />
                        {grid.size.level === "full" && (
                          <>
                            <text x={b.x + 6} y={b.y + 14} fontSize={11} className="t-mono t-bold">
                              pp:{id}
                            </text>
                            <text
                              x={b.x + b.w - 6}
                              y={b.y + 14}
                              fontSize={10}
                              className="t-muted"
                              textAnchor="end"
                            >
                              pfn {snap.frames.pfn[id]}
                            </text>
                            <text x={b.x + 5} y={b.y + 29} fontSize={9.8} className="t-mono">
                              ({g.kind === "anon" ? "swapfs" : shortName(vnode)}, {off})
                            </text>
                          </>
                        )}
                        {grid.size.level === "compact" && (
                          <text
                            x={b.x + b.w / 2}
                            y={b.y + 15}
                            fontSize={10.5}
                            className="t-mono"
                            textAnchor="middle"
                          >
                            {id < 1000 ? `pp:${id}` : id}
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
