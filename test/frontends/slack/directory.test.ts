/** The channel a word of a Slack command names, and when a command's text needs the channels listed. */
import { describe, expect, it } from "vitest";
import { channelIdOf } from "../../../src/frontends/slack/directory.js";
import { namesChannel } from "../../../src/frontends/slack/translate.js";

describe("a channel named in a Slack command", () => {
  const byName = new Map([["study-hall", "C0STUDY0001"]]);

  it("reads the links Slack puts in the text for a picked channel, with a name, an empty one or none", () => {
    expect(channelIdOf("<#C0STUDY0001|study-hall>")).toBe("C0STUDY0001");
    expect(channelIdOf("<#C0STUDY0001|>")).toBe("C0STUDY0001");
    expect(channelIdOf("<#C0STUDY0001>")).toBe("C0STUDY0001");
  });

  it("takes a channel id, and a #name among the workspace's channels", () => {
    expect(channelIdOf("C0OTHER0002")).toBe("C0OTHER0002");
    expect(channelIdOf("#study-hall", byName)).toBe("C0STUDY0001");
    expect(channelIdOf("#Study-Hall", byName)).toBe("C0STUDY0001");
  });

  it("leaves every other word a word", () => {
    for (const word of ["#nope", "study-hall", "tomorrow", "<@U0PERSON01>", "<#>", "c0study0001", "#"]) expect(channelIdOf(word, byName)).toBeUndefined();
    expect(channelIdOf("#study-hall")).toBeUndefined();
  });

  it("lists the channels only when a channel option is given as #name", () => {
    expect(namesChannel("quiz schedule time:09:30 timezone:UTC channel:#study-hall")).toBe(true);
    expect(namesChannel("quiz schedule time:09:30 timezone:UTC channel:<#C0STUDY0001|>")).toBe(false);
    expect(namesChannel("quiz now")).toBe(false);
    // a comment in a program is no channel
    expect(namesChannel("run ```x = 1 #note```")).toBe(false);
  });
});
