/**
 * The parts of the library with no CPython twin to compare with (the `b`
 * tag) and the accessors around FieldStorage's field list.
 */
import { describe, expect, it } from "vitest";
import { b } from "./bytes-literal";
import { FieldStorage } from "./field-storage";
import { Headers } from "./headers";
import { BytesIO } from "./io";
import { FileWrapper } from "./util";

describe("the b tag", () => {
  it("encodes text as UTF-8 and copies interpolated bytes as they are", () => {
    expect([...b`Hi`]).toEqual([72, 105]);
    expect([...b`é`]).toEqual([0xc3, 0xa9]);
    expect([...b`<${new Uint8Array([0, 255])}>`]).toEqual([60, 0, 255, 62]);
    expect(new TextDecoder().decode(b`${1 + 1} and ${"two"}`)).toBe("2 and two");
  });

  it("works as a function on a string", () => {
    expect(b("abc")).toEqual(new Uint8Array([97, 98, 99]));
  });
});

describe("FieldStorage accessors", () => {
  const form = new FieldStorage({
    environ: { REQUEST_METHOD: "GET", QUERY_STRING: "a=1&a=2&b=3&e=" },
    keep_blank_values: true,
  });

  it("reads like cgi.FieldStorage", () => {
    expect(form.getvalue("a")).toEqual(["1", "2"]);
    expect(form.getvalue("b")).toBe("3");
    expect(form.getvalue("missing", "dflt")).toBe("dflt");
    expect(form.getfirst("a")).toBe("1");
    expect(form.getlist("b")).toEqual(["3"]);
    expect(form.getlist("missing")).toEqual([]);
    expect(form.has("e")).toBe(true);
    expect(form.keys()).toEqual(["a", "b", "e"]);
    expect(form.size).toBe(3);
  });

  it("raises KeyError for a missing field and TypeError when the body is not a form", () => {
    expect(() => form.get("missing")).toThrow("'missing'");
    const single = new FieldStorage({
      environ: { REQUEST_METHOD: "POST", CONTENT_TYPE: "text/plain" },
      fp: new BytesIO(b`raw`),
    });
    expect(single.value).toBe("raw");
    expect(() => single.get("x")).toThrow("not indexable");
  });
});

describe("Headers refuses control characters (CPython since gh-143916)", () => {
  it("raises ValueError for CR or LF in a value or a name, in every mutator", () => {
    const attempts: (() => unknown)[] = [
      () => new Headers([["X-A", "a\r\nSet-Cookie: x=1"]]),
      () => new Headers([["X-A\n", "a"]]),
      () => new Headers().set("X-A", "a\nb"),
      () => new Headers().setdefault("X-A", "a\rb"),
      () => new Headers().add_header("X-A", "a", { filename: "a\r\nb" }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(expect.objectContaining({ name: "ValueError" }));
      expect(attempt).toThrow("Control characters not allowed in headers");
    }
    expect(new Headers([["X-Tab", "a\tb"]]).get("X-Tab")).toBe("a\tb");
  });
});

describe("FileWrapper", () => {
  // CPython's test_wsgiref checkFW / compare_generic_iter: iter(it) is it,
  // next() gives each block, then StopIteration; close() closes the file.
  it("is its own iterator, as wsgiref's is", () => {
    const file = new BytesIO(new TextEncoder().encode("xyz"));
    let closed = false;
    const wrapper = new FileWrapper(
      { read: (size?: number) => file.read(size), close: () => (closed = true) },
      2,
    );
    expect(wrapper[Symbol.iterator]()).toBe(wrapper);
    expect(new TextDecoder().decode(wrapper.next().value)).toBe("xy");
    expect(new TextDecoder().decode(wrapper.next().value)).toBe("z");
    expect(wrapper.next().done).toBe(true);
    expect([...wrapper]).toEqual([]);
    expect(closed).toBe(false);
    wrapper.close?.();
    expect(closed).toBe(true);
  });
});
