/**
 * Share links (docs/scenario-format.md §4): the scenario text and a position (step, event) travel
 * in the URL fragment, so nothing is sent to a server.
 *
 * Fragment body: `v1.<step>.<event>.<data>` where data is base64url (no padding) of
 *   CRC-32 of the text's bytes (4 bytes, big-endian) ++ raw DEFLATE of the text's bytes;
 * or `v2.<step>.<event>.<data>.<view>`: the same, plus the view on screen (linkView.ts). A link
 * with nothing to say about the view is written as v1, so v1 readers open it. v1 links open
 * exactly as they always did; a damaged view part is dropped with a message, never the link.
 * The bytes are UTF-8, extended to WTF-8 for lone surrogates, so decode(encode(s)) === s for
 * every JavaScript string s of at most LIMITS.scenarioChars characters (longer text encodes, but
 * decoding it is refused, as the parser would refuse it anyway).
 *
 * decodeShare never throws and treats the fragment as hostile: it caps the fragment's length,
 * inflates with a streaming decoder that stops once the output passes the text limit (so a
 * small "zip bomb" costs nothing), and checks the CRC so a damaged link is refused rather than
 * silently showing some other scenario.
 */
import { deflateSync, Inflate } from "fflate";
import { fromBase64Url, toBase64Url } from "./base64url";
import { quote } from "./lex";
import { LIMITS } from "../contract/limits";
import { decodeView, encodeView, type LinkView } from "./linkView";

export const SHARE_VERSION = "v1";
/** A link that also carries the view (linkView.ts). */
export const VIEW_VERSION = "v2";
/** Longest fragment decodeShare will look at (LIMITS.fragmentChars). */
export const MAX_FRAGMENT_CHARS = LIMITS.fragmentChars;
/** Most bytes the text of LIMITS.scenarioChars UTF-16 code units can take in (W)UTF-8. */
const MAX_TEXT_BYTES = LIMITS.scenarioChars * 3;
const MAX_POSITION_DIGITS = 16; // Number.MAX_SAFE_INTEGER has 16

export interface SharePosition {
  readonly step: number;
  readonly event: number;
}

export type DecodedShare =
  | {
      readonly ok: true;
      readonly text: string;
      readonly step: number;
      readonly event: number;
      /** v2: the view the link carries (what of it could be read) */
      readonly view?: LinkView;
      /** v2: what was wrong with the view part and left out */
      readonly viewProblem?: string;
    }
  | { readonly ok: false; readonly message: string };

/**
 * The fragment body (no leading `#`) for a scenario text, a position and (optionally) the view.
 * Throws a RangeError if step or event is not a non-negative safe integer (a caller's bug).
 */
export function encodeShare(text: string, pos: SharePosition, view: LinkView = {}): string {
  for (const [name, v] of [
    ["step", pos.step],
    ["event", pos.event],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`encodeShare: ${name} must be an integer ≥ 0, got ${v}`);
  }
  const bytes = encodeWtf8(text);
  const packed = deflateSync(bytes, { level: 9 });
  const data = new Uint8Array(4 + packed.length);
  new DataView(data.buffer).setUint32(0, crc32(bytes));
  data.set(packed, 4);
  const body = `${pos.step}.${pos.event}.${toBase64Url(data)}`;
  const v = encodeView(view);
  return v ? `${VIEW_VERSION}.${body}.${v}` : `${SHARE_VERSION}.${body}`;
}

/** Read a fragment made by encodeShare (a leading `#` is allowed). Never throws. */
export function decodeShare(fragment: string): DecodedShare {
  try {
    return decode(fragment);
  } catch (e) {
    // Not expected: every failure below is reported, not thrown. Still never throw to the caller.
    return {
      ok: false,
      message: `the link could not be read (${quote(e instanceof Error ? e.message : String(e))})`,
    };
  }
}

const bad = (message: string): DecodedShare => ({ ok: false, message });

function decode(fragment: string): DecodedShare {
  if (typeof fragment !== "string") return bad("the link fragment is not text");
  const body = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (body.length > MAX_FRAGMENT_CHARS) {
    return bad(
      `the link is ${body.length} characters long; the limit is ${MAX_FRAGMENT_CHARS} (LIMITS.fragmentChars)`,
    );
  }
  if (body === "") return bad("the link has no scenario in it (the fragment is empty)");
  // v1 has four parts; v2 a fifth, the view, which is everything after the fourth dot
  const parts = body.split(".", 5);
  const cut = parts.slice(0, 4).reduce((n, p) => n + p.length + 1, 0);
  const rest = parts.length === 5 ? body.slice(cut) : null;
  const version = parts[0] ?? "";
  if (version !== SHARE_VERSION && version !== VIEW_VERSION) {
    if (/^v\d{1,9}$/.test(version)) {
      return bad(
        `the link is in format ${version}, which this version of Anonscope does not read (it reads ${SHARE_VERSION} and ${VIEW_VERSION})`,
      );
    }
    return bad(`not an Anonscope scenario link: the fragment should start with "${SHARE_VERSION}."`);
  }
  if (version === SHARE_VERSION && parts.length !== 4) {
    return bad(
      `the link is malformed: expected ${SHARE_VERSION}.STEP.EVENT.DATA (four parts separated by dots)`,
    );
  }
  if (version === VIEW_VERSION && rest === null) {
    return bad(
      `the link is malformed: expected ${VIEW_VERSION}.STEP.EVENT.DATA.VIEW (five parts separated by dots)`,
    );
  }
  const step = position(parts[1] ?? "");
  if (step === null) return bad(`the step position ${quote(parts[1] ?? "")} is not a whole number ≥ 0`);
  const event = position(parts[2] ?? "");
  if (event === null) return bad(`the event position ${quote(parts[2] ?? "")} is not a whole number ≥ 0`);

  const data = fromBase64Url(parts[3] ?? "");
  if (typeof data === "string") return bad(`the scenario data is damaged: ${data}`);
  if (data.length < 5) return bad("the scenario data is truncated (too short to hold a scenario)");

  const bytes = inflateCapped(data.subarray(4), MAX_TEXT_BYTES);
  if (bytes === "too long") {
    return bad(
      `the scenario text is longer than the limit of ${LIMITS.scenarioChars} characters (LIMITS.scenarioChars)`,
    );
  }
  if (typeof bytes === "string") return bad(`the scenario data is damaged or truncated (${bytes})`);
  if (crc32(bytes) !== new DataView(data.buffer, data.byteOffset, 4).getUint32(0)) {
    return bad("the scenario data is damaged: its checksum does not match its text");
  }
  const text = decodeWtf8(bytes);
  if (typeof text !== "string") return bad(`the scenario text is not valid UTF-8 (at byte ${text.at})`);
  if (text.length > LIMITS.scenarioChars) {
    return bad(
      `the scenario text is longer than the limit of ${LIMITS.scenarioChars} characters (LIMITS.scenarioChars)`,
    );
  }
  if (version === SHARE_VERSION) return { ok: true, text, step, event };
  // whatever follows the data is the view part: if it is damaged, only the view is lost
  const v = decodeView(rest ?? "");
  return { ok: true, text, step, event, view: v.view, ...(v.problem ? { viewProblem: v.problem } : {}) };
}

function position(s: string): number | null {
  if (!new RegExp(`^\\d{1,${MAX_POSITION_DIGITS}}$`).test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Inflate raw DEFLATE data; gives up as soon as the output passes `cap` bytes. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array | string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else if (chunk.length > 0) chunks.push(chunk);
  });
  // Small input steps bound the work done past the cap (DEFLATE expands at most ~1032:1).
  const STEP = 1024;
  try {
    for (let i = 0; i < data.length && !over; i += STEP) {
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    }
  } catch (e) {
    if (over) return "too long";
    return e instanceof Error ? e.message : "could not decompress";
  }
  if (over) return "too long";
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (IEEE 802.3), as zip and gzip use

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// WTF-8: UTF-8 that also carries lone surrogates (as their 3-byte encodings), so any JS string
// round-trips. Well-formed text is plain UTF-8.

function encodeWtf8(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 3);
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, o);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Strict decoding: well-formed UTF-8 plus lone-surrogate sequences (never a pair written as two). */
function decodeWtf8(b: Uint8Array): string | { readonly at: number } {
  try {
    return UTF8.decode(b);
  } catch {
    // not plain UTF-8: maybe lone surrogates, else invalid
  }
  const units = new Uint16Array(b.length);
  let n = 0;
  let i = 0;
  const cont = (k: number): number => {
    const x = b[k];
    return x !== undefined && (x & 0xc0) === 0x80 ? x & 63 : -1;
  };
  while (i < b.length) {
    const x = b[i] ?? 0;
    let c: number;
    let len: number;
    if (x < 0x80) [c, len] = [x, 1];
    else if (x >= 0xc2 && x < 0xe0) {
      const c1 = cont(i + 1);
      if (c1 < 0) return { at: i };
      [c, len] = [((x & 31) << 6) | c1, 2];
    } else if (x >= 0xe0 && x < 0xf0) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      if (c1 < 0 || c2 < 0) return { at: i };
      c = ((x & 15) << 12) | (c1 << 6) | c2;
      if (c < 0x800) return { at: i };
      len = 3;
    } else if (x >= 0xf0 && x < 0xf5) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const c3 = cont(i + 3);
      if (c1 < 0 || c2 < 0 || c3 < 0) return { at: i };
      c = ((x & 7) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (c < 0x10000 || c > 0x10ffff) return { at: i };
      len = 4;
    } else return { at: i };
    if (c >= 0xdc00 && c <= 0xdfff && n > 0) {
      // a high surrogate unit can only come from a lone 3-byte sequence; a high surrogate just
      // before a low one would have been written as one 4-byte sequence
      const prev = units[n - 1] ?? 0;
      if (prev >= 0xd800 && prev <= 0xdbff) return { at: i };
    }
    if (c >= 0x10000) {
      units[n++] = 0xd800 + ((c - 0x10000) >> 10);
      units[n++] = 0xdc00 + ((c - 0x10000) & 1023);
    } else units[n++] = c;
    i += len;
  }
  const parts: string[] = [];
  for (let k = 0; k < n; k += 0x2000)
    parts.push(String.fromCharCode(...units.subarray(k, Math.min(n, k + 0x2000))));
  return parts.join("");
}
