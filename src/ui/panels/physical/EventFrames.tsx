import { useShallow } from "zustand/react/shallow";
import { select, setHover } from "../../../state/view";
import { nowOf } from "../../../state/now";
import { clampPos } from "../../../contract/position";
import { shownEvent } from "../../../state/selectors";
import { useApp, type AppState } from "../../../state/store";
import { FK_ANON } from "../../../contract/wire/protocol";
import { frameIn } from "../../../contract/wire/tables";
import { useLinks } from "../../hooks/useLinks";
import { hexOffset } from "../../layout/states";
import { Panel } from "../../Panel";

/** The frames the step on screen has named so far, newest first (when the event itself names none). */
const stepFrames = (s: AppState): number[] => {
  const snap = s.engine.snapshot;
  if (!snap) return [];
  const p = clampPos(s.engine.steps, snap.pos);
  const evs = p.step > 0 ? s.engine.steps[p.step - 1]!.events : [];
  const last = p.event === -1 ? evs.length - 1 : p.event;
  const out: number[] = [];
  for (let i = last; i >= 0 && out.length < 4; i--) {
    const f = evs[i]!.refs?.frame;
    if (f && !out.includes(f)) out.push(f);
  }
  return out;
};

/**
 * Physical memory as the embed shows it: only the frames of the current event (a copy's source
 * and target with the copy between them), or, when the event names none, the ones its step
 * touched last, each named in full: pp:N (vnode, offset), its pfn.
 */
export function EventFrames() {
  const snap = useApp((s) => s.engine.snapshot);
  const now = nowOf(useApp(shownEvent));
  const recent = useApp(useShallow(stepFrames));
  const { links } = useLinks();
  const own = now.copy ? [now.copy.from, now.copy.to] : [...now.frames];
  const ids = (own.length ? own : recent).filter((f) => snap && frameIn(snap.frames, f));
  const mark = own.length > 0;
  return (
    <Panel id="physical" title="Physical memory" sub={mark ? "frames of this event" : "frames of this step"}>
      <div className="event-frames" aria-label="Frames">
        {ids.length === 0 && <span className="teach-muted">No frame yet in this step.</span>}
        {snap &&
          ids.map((id, k) => {
            const f = frameIn(snap.frames, id)!;
            const vnode = f.kind === FK_ANON ? "swapfs" : (snap.files[f.owner] ?? "?");
            return (
              <span key={id} className="event-frame-wrap">
                {now.copy && k === 1 && <span className="copy-arrow">ppcopy →</span>}
                <span
                  className={`event-frame ${f.kind === FK_ANON ? "anon" : "file"}${mark ? " now" : ""}${links.frames.has(id) ? " lit" : ""}`}
                  data-frame={`pp:${id}`}
                  data-link={`frame:${id}`}
                  onMouseEnter={() => setHover({ kind: "frame", id })}
                  onMouseLeave={() => setHover(null)}
                  onClick={() => select({ kind: "frame", id })}
                  title={`pp:${id} in frame ${f.pfn}: (${vnode}, ${hexOffset(f.offset, snap.pageSize)})`}
                >
                  <b>pp:{id}</b> ({vnode}, {hexOffset(f.offset, snap.pageSize)}) <i>pfn {f.pfn}</i>
                </span>
              </span>
            );
          })}
      </div>
    </Panel>
  );
}
