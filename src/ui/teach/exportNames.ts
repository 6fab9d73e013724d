/**
 * The diagrams the export menu names; apart from exportFiles.ts, which is loaded only when an
 * export is first asked for (the menu shows these names before that).
 */
export type DiagramId = "anon" | "address";

export const DIAGRAM_NAMES: Record<DiagramId, string> = { anon: "Anon layer", address: "Address spaces" };
