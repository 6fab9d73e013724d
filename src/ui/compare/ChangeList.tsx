import type { Change } from "../../contract/change";
import { select, setHover } from "../../state/view";
import type { Focus } from "../../state/store";

/** The object a change is about, as the diagrams' linked highlighting names it. */
function focusOf(c: Change): Focus | null {
  const r = c.refs;
  if (r.anon) return { kind: "anon", id: r.anon };
  if (r.frame) return { kind: "frame", id: r.frame };
  if (r.proc && r.seg && r.page !== undefined)
    return { kind: "page", proc: r.proc, seg: r.seg, page: r.page };
  if (r.swapSlot) return { kind: "swap", slot: r.swapSlot };
  return null;
}

/**
 * The engine's list of differences, each item linked to its object: hovering or focusing it
 * lights the object across the diagrams, a click (or Enter) selects it there.
 */
export function ChangeList({ items }: { items: readonly Change[] }) {
  return (
    <ul>
      {items.map((c, i) => {
        const f = focusOf(c);
        return (
          <li
            key={i}
            data-kind={c.kind}
            tabIndex={f ? 0 : undefined}
            className={f ? "linked" : undefined}
            onMouseEnter={f ? () => setHover(f) : undefined}
            onMouseLeave={f ? () => setHover(null) : undefined}
            onFocus={f ? () => setHover(f) : undefined}
            onBlur={f ? () => setHover(null) : undefined}
            onClick={f ? () => select(f) : undefined}
            onKeyDown={f ? (e) => e.key === "Enter" && select(f) : undefined}
          >
            {c.text}
          </li>
        );
      })}
    </ul>
  );
}
