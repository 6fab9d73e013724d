import { dismissNotice } from "../state/actions";
import { useApp } from "../state/store";

/** One message at a time: a link that could not be opened, a copied link. */
export function Notice() {
  const notice = useApp((s) => s.view.notice);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
      <span>{notice.text}</span>
      <button type="button" className="btn" aria-label="Dismiss message" onClick={dismissNotice}>
        ✕
      </button>
    </div>
  );
}
