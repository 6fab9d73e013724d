/** Legend entries: [swatch class, label, label in the zoomable view (shorter: more entries)]. */
const ENTRIES = [
  ["sw-empty", "empty slot", "empty"],
  ["sw-anon", "anon, an_refcnt 1", "refcnt 1"],
  ["sw-shared", "shared anon (×2: an_refcnt 2)", "shared"],
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
