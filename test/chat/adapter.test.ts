/** The adapter contract's plain parts: channel references that survive storage, posting by platform. */
import { describe, expect, it } from "vitest";
import { PostError, postTo, readChannelRef, type ChannelRef, type ChatAdapter, type Reply } from "../../src/chat/index.js";

const reply: Reply = { blocks: [{ kind: "text", spans: ["hello"] }], images: [], files: [], buttons: [] };

/** An adapter that only records what it was asked to post. */
function recorder(platform: string): ChatAdapter & { got: ChannelRef[] } {
  const got: ChannelRef[] = [];
  return {
    platform,
    got,
    closed: Promise.resolve(),
    start: async () => undefined,
    stop: async () => undefined,
    post: async (channel) => {
      got.push(channel);
      return { channel, id: String(got.length) };
    },
  };
}

describe("channel references", () => {
  it("come back the same from JSON text (as stored in SQLite) or a parsed value", () => {
    const refs: ChannelRef[] = [
      { platform: "discord", workspace: "1200000000000000001", id: "1200000000000000002" },
      { platform: "console", id: "console" },
    ];
    for (const ref of refs) {
      expect(readChannelRef(JSON.stringify(ref))).toEqual(ref);
      expect(readChannelRef(JSON.parse(JSON.stringify(ref)))).toEqual(ref);
    }
  });

  it("are refused when they are not one", () => {
    for (const value of ["{", "null", 42, { platform: "discord" }, { platform: "", id: "1" }, { platform: "slack", id: "C1", extra: true }, { platform: "slack", id: 7 }]) {
      expect(readChannelRef(value), JSON.stringify(value)).toBeUndefined();
    }
  });
});

describe("posting", () => {
  it("goes through the adapter of the channel's platform, and no other", async () => {
    const discord = recorder("discord");
    const console = recorder("console");
    const channel = { platform: "console", id: "console" };
    expect(await postTo([discord, console], channel, reply)).toEqual({ channel, id: "1" });
    expect(console.got).toEqual([channel]);
    expect(discord.got).toEqual([]);
    await expect(postTo([discord, console], { platform: "slack", id: "C1" }, reply)).rejects.toThrow(PostError);
  });
});
