import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decode, encode, makeHeader, parseConnection, Signer, socketAddress } from "../../../../src/frontends/jupyter/protocol/index.js";

const base = { ip: "127.0.0.1", shell_port: 1, iopub_port: 2, stdin_port: 3, control_port: 4, hb_port: 5 };

describe("the wire format", () => {
  const signer = new Signer("secret");
  const header = makeHeader("execute_request", { session: "s", username: "u" });

  it("signs the four JSON frames with HMAC-SHA256 in hex, after the identities and <IDS|MSG>", () => {
    const frames = encode(signer, [Buffer.from("id")], header, {}, {}, { code: "x = 1" });
    expect(frames[0]!.toString()).toBe("id");
    expect(frames[1]!.toString()).toBe("<IDS|MSG>");
    const hmac = createHmac("sha256", "secret");
    for (const f of frames.slice(3, 7)) hmac.update(f);
    expect(frames[2]!.toString()).toBe(hmac.digest("hex"));
    const back = decode(frames, signer);
    expect(back).toMatchObject({ identities: [Buffer.from("id")], message: { header, parent_header: {}, content: { code: "x = 1" } } });
  });

  it("rejects a changed content, a wrong key, a missing delimiter and frames that are not JSON objects", () => {
    const frames = encode(signer, [], header, {}, {}, { code: "x = 1" });
    const changed = [...frames];
    changed[5] = Buffer.from(JSON.stringify({ code: "x = 2" }));
    expect(decode(changed, signer)).toEqual({ problem: "bad-signature" });
    expect(decode(frames, new Signer("other"))).toEqual({ problem: "bad-signature" });
    expect(decode(frames.slice(2), signer)).toEqual({ problem: "no-delimiter" });
    expect(decode(frames.slice(0, 5), signer)).toEqual({ problem: "too-short" });
    const noKey = new Signer("");
    const list = encode(noKey, [], header, {}, {}, { code: "" });
    list[5] = Buffer.from("[1]");
    expect(decode(list, noKey)).toEqual({ problem: "bad-json" });
  });

  it("leaves messages unsigned and unchecked when the key is empty", () => {
    const noKey = new Signer("");
    const frames = encode(noKey, [], header, {}, {}, {});
    expect(frames[1]!.toString()).toBe("");
    expect("message" in decode(frames, noKey)).toBe(true);
  });

  it("answers in the request's session with a fresh id and version 5.3", () => {
    const reply = makeHeader("execute_reply", { session: "kernel", username: "u" }, header);
    expect(reply).toMatchObject({ session: "s", msg_type: "execute_reply", version: "5.3" });
    expect(reply.msg_id).not.toBe(header.msg_id);
  });
});

describe("the connection file", () => {
  it("gives tcp and ipc addresses as Jupyter names them", () => {
    expect(socketAddress(parseConnection({ ...base, transport: "tcp", key: "k" }), "hb")).toBe("tcp://127.0.0.1:5");
    expect(socketAddress(parseConnection({ ...base, ip: "/tmp/kernel", transport: "ipc", key: "k" }), "shell")).toBe("ipc:///tmp/kernel-1");
  });

  it("refuses a missing port and a signature scheme other than hmac-sha256", () => {
    expect(() => parseConnection({ ...base, hb_port: undefined, key: "k" })).toThrow(/hb_port/);
    expect(() => parseConnection({ ...base, key: "k", signature_scheme: "hmac-md5" })).toThrow(/hmac-md5/);
  });
});
