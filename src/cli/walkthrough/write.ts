/**
 * `--walkthrough DIR`: every moment of a scenario (the start, then the end of each step) drawn
 * as a frame and written into DIR — step-000.svg, step-000.png, … and walkthrough.gif — one frame
 * at a time, so memory stays flat however many steps there are (at most WALK_STEPS_MAX).
 */
import { mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../contract/ast";
import { fmt } from "../../ui/layout/states";
import { frameSvg } from "./drawFrame";
import { EncoderMissing, GifWriter, render } from "./encode";
import { WALK_STEPS_MAX, type WalkOptions } from "./options";
import { walkMoments } from "./walk";

/** How long the GIF shows each frame: the start (its idea is long) a little longer. */
const GIF_DELAY_MS = 5000;
const GIF_START_MS = 7000;

/** The files a walkthrough writes (and so the only ones it replaces). */
const OWN_FILE = /^(step-\d{3}\.(svg|png)|walkthrough\.gif)$/;

const frameName = (n: number, ext: string): string => `step-${String(n).padStart(3, "0")}.${ext}`;

class CannotWrite extends Error {}

export type WalkResult = { ok: true; summary: string } | { ok: false; message: string };

/** Why DIR cannot take the frames, or null when it can (made if missing). */
function prepare(dir: string): string | null {
  try {
    if (statSync(dir, { throwIfNoEntry: false })?.isFile()) return "it is a file, not a directory";
    mkdirSync(dir, { recursive: true });
    // frames of an earlier, longer walkthrough would read as part of this one
    for (const f of readdirSync(dir, { withFileTypes: true }))
      if (f.isFile() && OWN_FILE.test(f.name)) unlinkSync(join(dir, f.name));
    return null;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "EACCES" || code === "EPERM") return "permission denied";
    if (code === "ENOTDIR") return "a part of the path is a file";
    return e instanceof Error ? e.message : String(e);
  }
}

export function writeWalkthrough(
  sc: Scenario,
  text: string,
  name: string,
  until: number,
  o: WalkOptions,
): WalkResult {
  const steps = Math.min(until, sc.steps.length);
  if (steps > WALK_STEPS_MAX)
    return {
      ok: false,
      message: `--walkthrough draws at most ${WALK_STEPS_MAX} steps (a frame each); ${name} has ${fmt(sc.steps.length)}: add --until ${WALK_STEPS_MAX} (or fewer) to draw the first ones`,
    };
  const why = prepare(o.dir);
  if (why) return { ok: false, message: `--walkthrough ${o.dir}: ${why}` };
  const svg = o.formats.includes("svg");
  const png = o.formats.includes("png");
  const animated = o.formats.includes("gif");
  let bytes = 0;
  const put = (file: string, data: string | Uint8Array) => {
    try {
      writeFileSync(join(o.dir, file), data);
    } catch (e) {
      throw new CannotWrite(
        `--walkthrough ${o.dir}: cannot write ${file}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    bytes += typeof data === "string" ? Buffer.byteLength(data) : data.length;
  };
  let frames = 0;
  try {
    const gif = animated ? new GifWriter() : null;
    for (const m of walkMoments(sc, text, steps)) {
      const s = frameSvg(m, { text, name }, o.theme);
      if (svg) put(frameName(m.n, "svg"), s);
      if (png || gif) {
        const px = render(s);
        if (png) put(frameName(m.n, "png"), px.png);
        gif?.add(px, m.n === 0 ? GIF_START_MS : GIF_DELAY_MS);
      }
      frames++;
    }
    if (gif) put("walkthrough.gif", gif.bytes());
  } catch (e) {
    // a full disk or a missing renderer is said in a line; anything else is a bug, with its stack
    if (e instanceof CannotWrite || e instanceof EncoderMissing) return { ok: false, message: e.message };
    throw e;
  }
  const kinds = [svg ? "SVG" : "", png ? "PNG" : "", animated ? "an animated GIF" : ""]
    .filter(Boolean)
    .join(", ");
  return {
    ok: true,
    summary: `walkthrough: ${frames} frames (the start and ${steps} ${steps === 1 ? "step" : "steps"}) as ${kinds} in ${o.dir} (${fmt(Math.round(bytes / 1024))} KB)\n`,
  };
}
