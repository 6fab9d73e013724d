import { describe, expect, it } from "vitest";
import { fromTypedJson, toTypedJson } from "./typedJson";

describe("JSON that keeps typed arrays", () => {
  it("gives back every kind of typed array, nested anywhere, with its kind and values", () => {
    const value = {
      a: new Int32Array([-5, 0, 2 ** 31 - 1]),
      list: [new Uint8Array([0, 255]), { deep: new Float64Array([0.1, -2.5e300]) }],
      b: new Uint16Array([65535]),
      c: new Float32Array([1.5]),
      plain: [1, 2, 3],
      text: "x",
      none: null,
    };
    const back = fromTypedJson(toTypedJson(value)) as typeof value;
    expect(back).toEqual(value);
    expect(back.a).toBeInstanceOf(Int32Array);
    expect(back.list[0]).toBeInstanceOf(Uint8Array);
    expect((back.list[1] as { deep: Float64Array }).deep).toBeInstanceOf(Float64Array);
    expect(back.plain).toEqual([1, 2, 3]);
  });

  it("refuses what plain JSON would change silently: NaN or infinity in a column", () => {
    expect(() => toTypedJson({ x: new Float64Array([NaN]) })).toThrow(/cannot write/);
    expect(() => toTypedJson({ x: new Float32Array([Infinity]) })).toThrow(/cannot write/);
  });

  it("leaves an object that only looks tagged, with an unknown kind, as it is", () => {
    expect(fromTypedJson('{"$typed":"Evil","of":[1]}')).toEqual({ $typed: "Evil", of: [1] });
    expect(fromTypedJson('{"$typed":"Int8Array","of":"no"}')).toEqual({ $typed: "Int8Array", of: "no" });
  });

  it("keeps a key named __proto__ a key, tagged or not, and sets no prototype", () => {
    const back = fromTypedJson(
      '{"__proto__":{"$typed":"Int8Array","of":[3]},"x":{"__proto__":{"y":1}}}',
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual(new Int8Array([3]));
    expect(Object.getPrototypeOf(back.x)).toBe(Object.prototype);
  });
});
