/**
 * A first visit paints the default scenario without waiting for the engine. The build ran the
 * engine on the default preset (`virtual:first-frame`, vite.config.ts) and put its reply in the
 * app; the page's first load of that text, to that position, shows it at once and asks the
 * worker all the same, quietly. The worker's script is fetched only after that first paint, so
 * a student's laptop spends the first moments on the app's own code alone. The worker's reply
 * is the same (a test checks it); the first step waits for it, a fraction of a second at most.
 */
import builtJson from "virtual:first-frame";
import type { LoadTarget, Reply } from "../contract/wire/protocol";
import { fromTypedJson, toTypedJson } from "../contract/wire/typedJson";
import { samePos } from "../contract/position";
import { DEFAULT_PRESET } from "../scenarios/presetMenu";
import { local } from "./local";
import { loadSaved } from "./persist";

export type LoadedReply = Extract<Reply, { type: "loaded" }>;

const my = local(() => {
  let painted = (): void => {};
  const whenPainted = new Promise<void>((r) => (painted = r));
  return {
    built: null as LoadedReply | null,
    /** the page's first load has asked (once asked, the built reply is never used again) */
    asked: false,
    isPainted: false,
    whenPainted,
    painted,
    opens: null as boolean | null,
  };
});

/** The reply the build made for the default preset, loaded to its end. */
export function builtReply(): LoadedReply {
  return (my.built ??= fromTypedJson(builtJson) as LoadedReply);
}

const fits = (text: string, to: LoadTarget): boolean =>
  text === DEFAULT_PRESET.text && (to === "end" || samePos(to, builtReply().snapshot.pos));

/** For the page's first load: the reply it will get, when the build already has it. */
export function takeFirstFrame(text: string, to: LoadTarget): LoadedReply | null {
  if (my.asked) return null;
  my.asked = true;
  return fits(text, to) ? builtReply() : null;
}

/**
 * The engine's own reply to the load the built frame stood for: true when it is the same (its
 * request id and sequence number aside), so nothing on screen needs to change. The moment is
 * marked for the bench ("anonscope-engine-ready").
 */
export function confirmsFirstFrame(r: Reply): boolean {
  globalThis.performance?.mark?.("anonscope-engine-ready");
  if (r.type !== "loaded") return false;
  const built = builtReply();
  return toTypedJson({ ...r, id: built.id, seq: built.seq }) === builtJson;
}

/**
 * Whether the page opens on the built frame, judged before the app has read its link: no link,
 * no lesson or predict mode, no embed or print page, and no saved work other than the default
 * scenario at its end. Then the engine's worker can wait for the first paint.
 */
export function opensOnBuiltFrame(): boolean {
  if (my.opens !== null) return my.opens;
  const loc = globalThis.location;
  const q = new URLSearchParams(loc?.search ?? "");
  const plain =
    loc !== undefined &&
    loc.hash.replace(/^#/, "") === "" &&
    !["mode", "lesson", "embed", "print"].some((k) => q.has(k));
  const saved = plain ? loadSaved() : null;
  return (my.opens =
    plain && (saved === null || (saved.text === saved.shown && fits(saved.shown, saved.pos))));
}

/** The first frame is on screen (main.tsx): the engine's worker may start. */
export function markPainted(): void {
  my.isPainted = true;
  my.painted();
}

export const isPainted = (): boolean => my.isPainted;
export const whenPainted = (): Promise<void> => my.whenPainted;
