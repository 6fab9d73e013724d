/**
 * The wire protocol between the main thread and the engine worker: versioned string-literal
 * unions only. Every request carries an `id`; every reply carries the `id` it answers and a
 * worker-wide sequence number `seq`, so the client can drop stale replies. Snapshots carry the
 * generation `gen` of the timeline they were taken from (one generation per loaded scenario).
 *
 * Snapshot size does not grow with the state: small states travel whole (dense tables indexed
 * by id); big ones carry exact records only for what can be drawn one by one (small segments,
 * the current step's objects, the first swap slots) plus bounded summaries (per-segment
 * buckets, frames by pfn, swap slots by number, anon_hdr chunk fill). A zoomed view asks
 * for a window (views.ts): per-page slots, frames or swap slots for a range, capped to what
 * fits on screen; the worker remembers no view, so a move carries the views it must answer. Read the tables through tables.ts, which handles both the dense and the sparse form.
 */
// The parts, one idea each; importers may name the part or this whole.
export * from "./steps";
export * from "./columns";
export * from "./snapshot";
export * from "./windows";
export * from "./views";
export * from "./requests";
export * from "./replies";
export * from "./transfer";
