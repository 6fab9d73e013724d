/**
 * Frames to pixels and pixels to files, with two well-kept libraries from npm: @resvg/resvg-js
 * (the resvg SVG renderer, a prebuilt binary in the package: no download at install) draws each
 * frame's SVG; gifenc (a small pure-JS encoder) writes the animated GIF, each frame with its own
 * 256-colour palette. Both are loaded on first use only, so the CLI's other modes start as fast
 * as before. Same SVG and same fonts in, same bytes out.
 */
import { createRequire } from "node:module";
import { dejavuFonts } from "./fonts";

interface Rendered {
  readonly width: number;
  readonly height: number;
  readonly pixels: Buffer;
  asPng(): Buffer;
}
interface ResvgModule {
  Resvg: new (svg: string, opts: object) => { render(): Rendered };
}
interface Encoder {
  writeFrame(
    index: Uint8Array,
    w: number,
    h: number,
    opts: { palette: number[][]; delay: number; repeat?: number },
  ): void;
  finish(): void;
  bytes(): Uint8Array;
}
interface GifencModule {
  GIFEncoder(): Encoder;
  quantize(rgba: Uint8Array | Uint8ClampedArray, max: number, opts?: object): number[][];
  applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: number[][], format?: string): Uint8Array;
}

const req = createRequire(import.meta.url);

/** A library the PNG and GIF frames need could not be loaded (not a bug of ours: say which). */
export class EncoderMissing extends Error {}

function load(name: string): unknown {
  try {
    return req(name);
  } catch (e) {
    throw new EncoderMissing(
      `cannot load ${name} for the PNG and GIF frames (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); run npm ci, or draw --format svg alone`,
    );
  }
}
let resvg: ResvgModule | null = null;
let gifenc: GifencModule | null = null;

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row */
  readonly rgba: Uint8Array;
  readonly png: Uint8Array;
}

/** Draw one frame's SVG: its RGBA pixels and the same as a PNG file. */
export function render(svg: string): Pixels {
  resvg ??= load("@resvg/resvg-js") as ResvgModule;
  const fonts = dejavuFonts();
  const r = new resvg.Resvg(svg, {
    font: {
      loadSystemFonts: fonts.files.length === 0,
      fontFiles: fonts.files,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
      monospaceFamily: "DejaVu Sans Mono",
    },
  }).render();
  return { width: r.width, height: r.height, rgba: new Uint8Array(r.pixels), png: new Uint8Array(r.asPng()) };
}

/** An animated GIF of frames, shown `delays[i]` milliseconds each, looping forever. */
export class GifWriter {
  private readonly enc: Encoder;
  private frames = 0;
  constructor() {
    gifenc ??= load("gifenc") as GifencModule;
    this.enc = gifenc.GIFEncoder();
  }
  add(px: Pixels, delay: number): void {
    const g = gifenc!;
    const palette = g.quantize(px.rgba, 256);
    const index = g.applyPalette(px.rgba, palette);
    this.enc.writeFrame(index, px.width, px.height, {
      palette,
      delay,
      ...(this.frames === 0 ? { repeat: 0 } : {}),
    });
    this.frames++;
  }
  bytes(): Uint8Array {
    this.enc.finish();
    return this.enc.bytes();
  }
}
