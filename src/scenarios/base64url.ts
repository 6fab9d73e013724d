/** base64url without padding (RFC 4648 §5), for the share links. */
import { quote } from "./lex";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64_VALUE = (() => {
  const v = new Int8Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) v[B64.charCodeAt(i)] = i;
  return v;
})();

export function toBase64Url(bytes: Uint8Array): string {
  const ch = (v: number): string => B64.charAt(v & 63);
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out.push(ch(n >>> 18) + ch(n >>> 12) + ch(n >>> 6) + ch(n));
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    out.push(ch(n >>> 18) + ch(n >>> 12) + (rest === 2 ? ch(n >>> 6) : ""));
  }
  return out.join("");
}

/** Decode base64url; `=` padding is tolerated. Returns an error reason on failure. */
export function fromBase64Url(s: string): Uint8Array | string {
  let len = s.length;
  while (len > 0 && len > s.length - 2 && s.charCodeAt(len - 1) === 0x3d) len--;
  if (len % 4 === 1) return "its length is impossible for base64url (it was probably cut short)";
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? (B64_VALUE[code] ?? -1) : -1;
    if (v < 0)
      return `unexpected character ${quote(s.charAt(i))} at position ${i + 1} of the data (not base64url)`;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}
