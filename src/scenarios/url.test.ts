import { deflateSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../contract/limits";
import { crc32, decodeShare, encodeShare, MAX_FRAGMENT_CHARS } from "./url";

const O1 = `# O1
machine arch=x86 ram=1000 swap=1000
spawn P1 empty
P1 mmap buf /dev/zero 4 rw private
`;

/** Decode, insisting on success. */
function good(fragment: string): { text: string; step: number; event: number } {
  const r = decodeShare(fragment);
  if (!r.ok) throw new Error(`unexpected failure: ${r.message}`);
  return { text: r.text, step: r.step, event: r.event };
}

/** Decode, insisting on failure; returns the message. */
function bad(fragment: string): string {
  const r = decodeShare(fragment);
  if (r.ok) throw new Error(`expected failure for ${fragment.slice(0, 80)}`);
  expect(r.message.length).toBeGreaterThan(0);
  // eslint-disable-next-line no-control-regex
  expect(r.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  return r.message;
}

// base64url helpers for hand-made payloads
const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");
const payload = (textBytes: Uint8Array, crc = crc32(textBytes)): string => {
  const packed = deflateSync(textBytes);
  const data = new Uint8Array(4 + packed.length);
  new DataView(data.buffer).setUint32(0, crc);
  data.set(packed, 4);
  return b64url(data);
};

/** Arbitrary UTF-16 code units, lone surrogates included. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
  .map((a) => String.fromCharCode(...a));

describe("encodeShare / decodeShare", () => {
  it("has the documented shape", () => {
    const f = encodeShare(O1, { step: 3, event: 7 });
    expect(f).toMatch(/^v1\.3\.7\.[A-Za-z0-9_-]+$/);
    expect(good(f)).toEqual({ text: O1, step: 3, event: 7 });
    expect(good(`#${f}`)).toEqual({ text: O1, step: 3, event: 7 });
  });

  it("round-trips special strings exactly", () => {
    const cases = [
      "",
      " ",
      "\n",
      "\r\n\r\n",
      "\u0000",
      "\ufeff",
      "\ufeffspawn P1",
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "#v1.0.0.AAAA",
      "🐱‍👤 ünïcödé \u202e ",
      "\ud800",
      "\udc00",
      "\udc00\ud800",
      "a\ud800b\udfffc",
      "\ud83d\ude00\ud83d",
      "\uffff\ufffe",
      "x".repeat(LIMITS.scenarioChars),
      "🐱".repeat(LIMITS.scenarioChars / 2),
      "\u0800".repeat(LIMITS.scenarioChars),
    ];
    for (const text of cases) {
      const f = encodeShare(text, { step: 0, event: 0 });
      const r = good(f);
      expect(r.text === text).toBe(true);
    }
  });

  it("keeps <script> as plain text", () => {
    const text = "# <script>alert('x')</script>\nspawn P1\n";
    const f = encodeShare(text, { step: 1, event: 0 });
    expect(f).not.toContain("<");
    expect(good(f).text).toBe(text);
  });

  it("round-trips arbitrary unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => {
        expect(good(encodeShare(s, { step: 0, event: 0 })).text).toBe(s);
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        expect(good(encodeShare(s, { step: 0, event: 0 })).text).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips arbitrary UTF-16 code units, lone surrogates included", () => {
    fc.assert(
      fc.property(codeUnits, (s) => {
        expect(good(encodeShare(s, { step: 0, event: 0 })).text).toBe(s);
      }),
      { numRuns: 1500 },
    );
  });

  it("writes well-formed text as plain UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 100 }), (s) => {
        const f = encodeShare(s, { step: 0, event: 0 });
        const data = Buffer.from(f.split(".")[3] ?? "", "base64url");
        expect(
          data.subarray(4).equals(Buffer.from(deflateSync(new TextEncoder().encode(s), { level: 9 }))),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips positions", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.nat(),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (s, step, event) => {
          expect(good(encodeShare(s, { step, event }))).toEqual({ text: s, step, event });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuses positions it could not carry", () => {
    expect(() => encodeShare("", { step: -1, event: 0 })).toThrow(RangeError);
    expect(() => encodeShare("", { step: 0, event: 1.5 })).toThrow(RangeError);
    expect(() => encodeShare("", { step: Number.NaN, event: 0 })).toThrow(RangeError);
    expect(() => encodeShare("", { step: 2 ** 53, event: 0 })).toThrow(RangeError);
  });
});

describe("hostile fragments", () => {
  const f = encodeShare(O1, { step: 2, event: 5 });
  const data = f.split(".")[3] ?? "";

  it("rejects empty and foreign fragments", () => {
    expect(bad("")).toContain("empty");
    expect(bad("#")).toContain("empty");
    expect(bad("hello")).toContain('should start with "v1."');
    expect(bad("#section-2")).toContain("not an Anonscope scenario link");
    expect(bad("v1")).toContain("malformed");
    expect(bad("v1.2.5")).toContain("malformed");
    expect(bad(`${f}.extra`)).toContain("malformed");
    expect(bad("##" + f)).toContain("not an Anonscope scenario link");
  });

  it("rejects other versions", () => {
    expect(bad(`v3.2.5.${data}`)).toContain("format v3");
    expect(bad(`v3.2.5.${data}`)).toContain("reads v1 and v2");
    expect(bad(`v0.2.5.${data}`)).toContain("format v0");
    expect(bad(`V1.2.5.${data}`)).toContain("not an Anonscope scenario link");
  });

  it("rejects bad positions, naming which", () => {
    for (const p of ["-1", "", "x", "1e3", "+1", " 1", "9007199254740992", "12345678901234567"]) {
      expect(bad(`v1.${p}.0.${data}`)).toContain("step position");
      expect(bad(`v1.0.${p}.${data}`)).toContain("event position");
    }
    expect(bad(`v1.1.5.0.${data}`)).toContain("malformed");
    expect(good(`v1.007.0.${data}`).step).toBe(7);
    expect(bad(`v1.\u0000.0.${data}`)).toContain('"\\u0000"');
  });

  it("rejects bad base64url", () => {
    expect(bad(`v1.0.0.${data.slice(0, 10)}!${data.slice(11)}`)).toContain(
      'unexpected character "!" at position 11',
    );
    expect(bad(`v1.0.0.${data.replace(/[A-Za-z0-9]/, "+")}`)).toContain("not base64url");
    expect(bad(`v1.0.0.${data} `)).toContain("not base64url");
    expect(bad(`v1.0.0.${data}é`)).toContain("not base64url");
    expect(bad(`v1.0.0.${"A".repeat(4 * 10 + 1)}`)).toContain("cut short");
    expect(bad("v1.0.0.")).toContain("truncated");
    expect(bad("v1.0.0.AAAA")).toContain("truncated");
  });

  it("tolerates = padding", () => {
    const padded = data + "=".repeat((4 - (data.length % 4)) % 4);
    expect(good(`v1.2.5.${padded}`).text).toBe(O1);
  });

  it("rejects truncated data at every length", () => {
    for (let n = 0; n < data.length - 1; n++) {
      const r = decodeShare(`v1.2.5.${data.slice(0, n)}`);
      expect(r.ok).toBe(false);
    }
    expect(bad(`v1.2.5.${data.slice(0, data.length - 3)}`)).toMatch(/truncated|damaged/);
  });

  it("rejects (or faithfully decodes) every single-character corruption", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = 0; i < data.length; i++) {
      for (const c of ["A", "z", "-", alphabet[(alphabet.indexOf(data[i] ?? "A") + 1) % 64] ?? "A"]) {
        if (c === data[i]) continue;
        const r = decodeShare(`v1.2.5.${data.slice(0, i)}${c}${data.slice(i + 1)}`);
        // The only corruption that may pass changes unused trailing bits of the last character.
        if (r.ok) expect(r.text).toBe(O1);
      }
    }
  });

  it("rejects damaged data by its checksum", () => {
    const bytes = new TextEncoder().encode(O1);
    expect(bad(`v1.0.0.${payload(bytes, crc32(bytes) ^ 1)}`)).toContain("checksum");
    expect(good(`v1.0.0.${payload(bytes)}`).text).toBe(O1);
  });

  it("rejects data that is not DEFLATE", () => {
    const junk = new Uint8Array([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(bad(`v1.0.0.${b64url(junk)}`)).toContain("damaged");
  });

  it("rejects invalid UTF-8 even with a good checksum", () => {
    for (const seq of [
      [0xff],
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x80],
      [0xe2, 0x82],
    ]) {
      const bytes = new Uint8Array([0x61, ...seq, 0x62]);
      expect(bad(`v1.0.0.${payload(bytes)}`)).toContain("not valid UTF-8 (at byte 1)");
    }
    // a surrogate pair must be one 4-byte sequence, not two 3-byte ones
    const pair = new Uint8Array([0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]);
    expect(bad(`v1.0.0.${payload(pair)}`)).toContain("not valid UTF-8 (at byte 3)");
    // a lone surrogate written as its 3 bytes is how this format carries one
    expect(good(`v1.0.0.${payload(new Uint8Array([0xed, 0xa0, 0x80]))}`).text).toBe("\ud800");
  });

  it("rejects a 10 MB fragment quickly, naming the limit", () => {
    const huge = `v1.0.0.${"A".repeat(10 * 1024 * 1024)}`;
    const t0 = performance.now();
    expect(bad(huge)).toContain(String(MAX_FRAGMENT_CHARS));
    expect(bad(`#${huge}`)).toContain(String(MAX_FRAGMENT_CHARS));
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it("stops inflating a zip bomb past the text limit", () => {
    // 64 MB of one repeated character compresses to ~64 KB: well under the fragment limit.
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024).fill(0x61), { level: 9 });
    const data = new Uint8Array(4 + bomb.length);
    data.set(bomb, 4);
    const fragment = `v1.0.0.${b64url(data)}`;
    expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const t0 = performance.now();
    const message = bad(fragment);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(message).toContain("LIMITS.scenarioChars");
    expect(message).toContain(String(LIMITS.scenarioChars));
  });

  it("rejects text longer than LIMITS.scenarioChars even when it fits the byte cap", () => {
    const long = "x".repeat(LIMITS.scenarioChars + 1);
    expect(bad(encodeShare(long, { step: 0, event: 0 }))).toContain("LIMITS.scenarioChars");
  });

  it("never throws on arbitrary fragments", () => {
    const prefixes = fc.constantFrom("", "#", "v1.", "v1.0.0.", "#v1.3.4.", "v2.0.0.");
    fc.assert(
      fc.property(prefixes, fc.string({ unit: "binary", maxLength: 200 }), (p, s) => {
        expect(typeof decodeShare(p + s).ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.base64String({ maxLength: 400 }), (s) => {
        const r = decodeShare(`v1.0.0.${s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "")}`);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const withCrc = new Uint8Array(4 + bytes.length);
        withCrc.set(bytes, 4);
        expect(typeof decodeShare(`v1.0.0.${b64url(withCrc)}`).ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on non-string input", () => {
    const inputs: unknown[] = [undefined, null, 42, {}, []];
    for (const x of inputs) {
      expect(decodeShare(x as string).ok).toBe(false);
    }
  });
});
