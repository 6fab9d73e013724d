/**
 * What shows while a part of the app loaded on first use (React.lazy) is on its way: its name,
 * in words, as a polite status. Offline the service worker has it cached, so this is brief.
 */
export function Loading({ what, overlay = false }: { what: string; overlay?: boolean }) {
  return (
    <div
      role="status"
      className="lazy-loading"
      data-loading={what}
      style={{
        padding: "12px 16px",
        color: "var(--muted)",
        fontSize: 15,
        ...(overlay
          ? {
              position: "fixed",
              top: "40%",
              left: "50%",
              transform: "translate(-50%, -50%)",
              background: "var(--panel)",
              border: "1px solid var(--line-strong)",
              borderRadius: 6,
              zIndex: 50,
            }
          : {}),
      }}
    >
      Loading {what}…
    </div>
  );
}
