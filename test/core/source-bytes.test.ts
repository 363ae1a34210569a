/** Program files' bytes read as CPython reads a source file. */
import { describe, expect, it } from "vitest";
import { decodeSource } from "../../src/core/source-bytes.js";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
// "你好" as GBK
const NIHAO_GBK = [0xc4, 0xe3, 0xba, 0xc3];

describe("decodeSource", () => {
  it("reads UTF-8, and drops a leading byte-order mark as CPython does", () => {
    expect(decodeSource(bytes("x = 'é'\n"))).toEqual({ ok: true, text: "x = 'é'\n" });
    expect(decodeSource(bytes([0xef, 0xbb, 0xbf], "x = '你好'\n"))).toEqual({ ok: true, text: "x = '你好'\n" });
    // only a leading mark is the file's: one further on is a character of the program
    expect(decodeSource(bytes("x = '", [0xef, 0xbb, 0xbf], "'\n"))).toEqual({ ok: true, text: "x = '\ufeff'\n" });
  });

  it("refuses GBK bytes with no declaration, naming the encoding and the first line that is not UTF-8", () => {
    expect(decodeSource(bytes("a = 1\ns = '", NIHAO_GBK, "'\n"))).toEqual({ ok: false, problem: "not-utf8", line: 2, looksLike: "gb18030" });
  });

  it("reads the encoding a coding comment declares on the first or second line", () => {
    expect(decodeSource(bytes("# -*- coding: gbk -*-\ns = '", NIHAO_GBK, "'\n"))).toEqual({ ok: true, text: "# -*- coding: gbk -*-\ns = '你好'\n" });
    expect(decodeSource(bytes("#!/usr/bin/env python\n# coding=cp936\ns = '", NIHAO_GBK, "'\n"))).toMatchObject({ ok: true, text: expect.stringContaining("你好") });
    // a declaration after a line of code is not one
    expect(decodeSource(bytes("a = 1\n# coding: gbk\ns = '", NIHAO_GBK, "'\n"))).toMatchObject({ ok: false, problem: "not-utf8", line: 3 });
    expect(decodeSource(bytes("# coding: no-such-thing\nx = 1\n"))).toEqual({ ok: false, problem: "bad-declaration", encoding: "no-such-thing", line: 1 });
  });

  it("tells UTF-16 (Notepad's \"Unicode\") and other bytes apart from GBK", () => {
    expect(decodeSource(bytes([0xff, 0xfe], [0x78, 0, 0x3d, 0, 0x31, 0]))).toEqual({ ok: false, problem: "not-utf8", line: 1, looksLike: "utf-16" });
    // Latin-1 "café": not UTF-8, and no Chinese in it when read as GB18030
    expect(decodeSource(bytes("x = 1\ny = 'caf", [0xe9], "'\n"))).toEqual({ ok: false, problem: "not-utf8", line: 2 });
    // an overlong form is not UTF-8 either
    expect(decodeSource(bytes("x = '", [0xc0, 0xaf], "'\n"))).toMatchObject({ ok: false, problem: "not-utf8", line: 1 });
  });
});
