/** The daily schedule under a simulated clock: zones, DST days, downtime, restarts, two processes. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../../src/chat/adapter.js";
import { simulatedClock, startQuizSchedule, type SimulatedClock } from "../../../src/quiz/schedule/index.js";
import { openQuizStore, type QuizStore } from "../../../src/quiz/store/index.js";
import { openStorage } from "../../../src/storage/index.js";

const dir = mkdtempSync(join(tmpdir(), "memsim-quiz-schedule-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shanghai = { platform: "discord", workspace: "g", id: "shanghai" };
const newYork = { platform: "discord", workspace: "g", id: "new-york" };

type Posted = { channel: string; day: string; at: string };

/** A store whose time is the simulated clock's (a schedule's setAt is then simulated time too). */
function setup(start: string, path = ":memory:") {
  const clock = simulatedClock(Date.parse(start));
  const storage = openStorage(path);
  const store = openQuizStore(storage, { now: clock.now });
  return { storage, store, clock };
}

function run(store: QuizStore, clock: SimulatedClock, posted: Posted[], extra: { onError?: (e: unknown) => void } = {}) {
  return startQuizSchedule({
    store,
    clock,
    post: async (channel: ChannelRef, day: string) => {
      posted.push({ channel: channel.id, day, at: new Date(clock.now()).toISOString() });
    },
    ...(extra.onError ? { onError: extra.onError } : {}),
  });
}

describe("posting at each channel's local time", () => {
  it("09:00 in Shanghai and 09:00 in New York, every day, each at its own instant", async () => {
    const { storage, store, clock } = setup("2026-12-07T00:00:00Z");
    store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    store.setSchedule({ channel: newYork, time: "09:00", zone: "America/New_York", setBy: "m" });
    const posted: Posted[] = [];
    const schedule = run(store, clock, posted);
    expect(schedule.next().map((n) => [n.channel.id, new Date(n.at).toISOString()])).toEqual([
      ["shanghai", "2026-12-07T01:00:00.000Z"],
      ["new-york", "2026-12-07T14:00:00.000Z"],
    ]);
    await clock.advance(3 * DAY);
    await schedule.stop();
    expect(posted).toEqual([
      { channel: "shanghai", day: "2026-12-07", at: "2026-12-07T01:00:00.000Z" },
      { channel: "new-york", day: "2026-12-07", at: "2026-12-07T14:00:00.000Z" },
      { channel: "shanghai", day: "2026-12-08", at: "2026-12-08T01:00:00.000Z" },
      { channel: "new-york", day: "2026-12-08", at: "2026-12-08T14:00:00.000Z" },
      { channel: "shanghai", day: "2026-12-09", at: "2026-12-09T01:00:00.000Z" },
      { channel: "new-york", day: "2026-12-09", at: "2026-12-09T14:00:00.000Z" },
    ]);
    expect(clock.pending()).toBe(0);
    storage.close();
  });

  it("a late-evening time in the zone posts on the zone's day, not UTC's", async () => {
    const { storage, store, clock } = setup("2026-12-07T00:00:00Z");
    store.setSchedule({ channel: shanghai, time: "07:30", zone: "Asia/Shanghai", setBy: "m" });
    store.setSchedule({ channel: newYork, time: "22:15", zone: "America/New_York", setBy: "m" });
    const posted: Posted[] = [];
    const schedule = run(store, clock, posted);
    await clock.advance(DAY);
    await schedule.stop();
    // 22:15 of Sunday 12-06 in New York is 03:15 UTC on Monday; 07:30 of 12-08 in Shanghai is 23:30 UTC on 12-07
    expect(posted).toEqual([
      { channel: "new-york", day: "2026-12-06", at: "2026-12-07T03:15:00.000Z" },
      { channel: "shanghai", day: "2026-12-08", at: "2026-12-07T23:30:00.000Z" },
    ]);
    storage.close();
  });
});

describe("DST changes in New York", () => {
  it("09:00 stays 09:00 local as the offset changes (spring and autumn)", async () => {
    const { storage, store, clock } = setup("2026-03-07T00:00:00Z");
    store.setSchedule({ channel: newYork, time: "09:00", zone: "America/New_York", setBy: "m" });
    const posted: Posted[] = [];
    const schedule = run(store, clock, posted);
    await clock.advance(3 * DAY);
    expect(posted.map((p) => [p.day, p.at])).toEqual([
      ["2026-03-07", "2026-03-07T14:00:00.000Z"],
      ["2026-03-08", "2026-03-08T13:00:00.000Z"],
      ["2026-03-09", "2026-03-09T13:00:00.000Z"],
    ]);
    await clock.advanceTo(Date.parse("2026-10-31T00:00:00Z"));
    posted.length = 0;
    await clock.advance(3 * DAY);
    await schedule.stop();
    expect(posted.map((p) => [p.day, p.at])).toEqual([
      ["2026-10-31", "2026-10-31T13:00:00.000Z"],
      ["2026-11-01", "2026-11-01T14:00:00.000Z"],
      ["2026-11-02", "2026-11-02T14:00:00.000Z"],
    ]);
    storage.close();
  });

  it("a time the spring change skips posts once that day (at 03:00), one the autumn change repeats posts once", async () => {
    const { storage, store, clock } = setup("2026-03-07T00:00:00Z");
    store.setSchedule({ channel: newYork, time: "02:30", zone: "America/New_York", setBy: "m" });
    const posted: Posted[] = [];
    const schedule = run(store, clock, posted);
    await clock.advance(3 * DAY);
    expect(posted.map((p) => [p.day, p.at])).toEqual([
      ["2026-03-07", "2026-03-07T07:30:00.000Z"],
      ["2026-03-08", "2026-03-08T07:00:00.000Z"],
      ["2026-03-09", "2026-03-09T06:30:00.000Z"],
    ]);
    store.setSchedule({ channel: newYork, time: "01:30", zone: "America/New_York", setBy: "m" });
    schedule.refresh();
    await clock.advanceTo(Date.parse("2026-10-31T00:00:00Z"));
    posted.length = 0;
    await clock.advance(3 * DAY);
    await schedule.stop();
    expect(posted.map((p) => [p.day, p.at])).toEqual([
      ["2026-10-31", "2026-10-31T05:30:00.000Z"],
      ["2026-11-01", "2026-11-01T05:30:00.000Z"],
      ["2026-11-02", "2026-11-02T06:30:00.000Z"],
    ]);
    storage.close();
  });
});

describe("downtime and restarts", () => {
  it("a post time passed while down is posted once, late, at start-up; a restart after it posts nothing", async () => {
    const path = join(dir, "downtime.sqlite");
    const first = setup("2026-12-07T00:00:00Z", path);
    first.store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    const posted: Posted[] = [];
    const a = run(first.store, first.clock, posted);
    await first.clock.advance(12 * HOUR);
    await a.stop();
    first.storage.close();
    expect(posted.map((p) => p.day)).toEqual(["2026-12-07"]);

    // down across 2026-12-08 09:00 Shanghai (01:00 UTC); up again at 11:00 Shanghai
    const second = setup("2026-12-08T03:00:00Z", path);
    const b = run(second.store, second.clock, posted);
    await b.settled();
    expect(posted.at(-1)).toEqual({ channel: "shanghai", day: "2026-12-08", at: "2026-12-08T03:00:00.000Z" });
    // and killed again, started again an hour later: already posted today
    await b.stop();
    second.storage.close();
    const third = setup("2026-12-08T04:00:00Z", path);
    const c = run(third.store, third.clock, posted);
    await third.clock.advance(DAY);
    await c.stop();
    expect(posted.map((p) => [p.day, p.at])).toEqual([
      ["2026-12-07", "2026-12-07T01:00:00.000Z"],
      ["2026-12-08", "2026-12-08T03:00:00.000Z"],
      ["2026-12-09", "2026-12-09T01:00:00.000Z"],
    ]);
    third.storage.close();
  });

  it("down for days: only today's missed post is made late, and not one before its time", async () => {
    const { storage, store, clock } = setup("2026-12-07T00:00:00Z");
    store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    store.setSchedule({ channel: newYork, time: "09:00", zone: "America/New_York", setBy: "m" });
    // nothing runs from here until the schedule starts
    await clock.advanceTo(Date.parse("2026-12-10T03:00:00Z"));
    const posted: Posted[] = [];
    const schedule = run(store, clock, posted);
    await schedule.settled();
    // 11:00 in Shanghai (its time passed), 22:00 the day before in New York (passed too: 12-09)
    expect(posted.sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: "new-york", day: "2026-12-09", at: "2026-12-10T03:00:00.000Z" },
      { channel: "shanghai", day: "2026-12-10", at: "2026-12-10T03:00:00.000Z" },
    ]);
    await schedule.stop();
    const early = setup("2026-12-01T00:00:00Z");
    early.store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    await early.clock.advanceTo(Date.parse("2026-12-10T00:30:00Z"));
    const none: Posted[] = [];
    const later = run(early.store, early.clock, none);
    await later.settled();
    expect(none).toEqual([]);
    await early.clock.advance(HOUR);
    expect(none.map((p) => p.at)).toEqual(["2026-12-10T01:00:00.000Z"]);
    await later.stop();
    storage.close();
    early.storage.close();
  });

  it("a schedule set after today's time first posts tomorrow", async () => {
    const { storage, store, clock } = setup("2026-12-07T05:00:00Z");
    store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    const posted: Posted[] = [];
    const schedule = run(store, clock, posted);
    await clock.advance(DAY);
    await schedule.stop();
    expect(posted.map((p) => [p.day, p.at])).toEqual([["2026-12-08", "2026-12-08T01:00:00.000Z"]]);
    storage.close();
  });

  it("two schedulers on one database post each day once between them", async () => {
    const path = join(dir, "two.sqlite");
    const one = setup("2026-12-07T00:00:00Z", path);
    const two = { storage: openStorage(path), clock: one.clock };
    const store2 = openQuizStore(two.storage);
    one.store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    one.store.setSchedule({ channel: newYork, time: "09:00", zone: "America/New_York", setBy: "m" });
    const byOne: Posted[] = [];
    const byTwo: Posted[] = [];
    const a = run(one.store, one.clock, byOne);
    const b = run(store2, one.clock, byTwo);
    await one.clock.advance(5 * DAY);
    await Promise.all([a.stop(), b.stop()]);
    const all = [...byOne, ...byTwo].map((p) => `${p.channel} ${p.day}`).sort();
    expect(all).toHaveLength(10);
    expect(new Set(all).size).toBe(10);
    expect(byOne.length).toBeGreaterThan(0);
    one.storage.close();
    two.storage.close();
  });
});

describe("a database that refuses a claim", () => {
  it("is told through onError, and the next day's post still comes", async () => {
    const { storage, store, clock } = setup("2026-12-07T00:00:00Z");
    store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    const errors: { error: unknown; day: string }[] = [];
    const posted: Posted[] = [];
    let refuse = true;
    const flaky = {
      ...store,
      claimPost: (channel: ChannelRef, day: string, zone?: string) => {
        if (refuse) {
          refuse = false;
          throw new Error("database is locked");
        }
        return store.claimPost(channel, day, zone);
      },
    };
    const schedule = startQuizSchedule({
      store: flaky,
      clock,
      post: async (channel, day) => void posted.push({ channel: channel.id, day, at: new Date(clock.now()).toISOString() }),
      onError: (error, _channel, day) => errors.push({ error, day }),
    });
    await clock.advance(2 * DAY);
    await schedule.stop();
    expect(errors.map((e) => [String(e.error), e.day])).toEqual([["Error: database is locked", "2026-12-07"]]);
    expect(posted.map((p) => p.day)).toEqual(["2026-12-08"]);
    storage.close();
  });
});

describe("schedules changing while running", () => {
  it("a new schedule is taken up, a stopped one posts no more, a failed post is told and never made twice", async () => {
    const { storage, store, clock } = setup("2026-12-07T00:00:00Z");
    const posted: Posted[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const schedule = startQuizSchedule({
      store,
      clock,
      post: async (channel, day) => {
        if (fail) {
          fail = false;
          throw new Error("the platform refused");
        }
        posted.push({ channel: channel.id, day, at: new Date(clock.now()).toISOString() });
      },
      onError: (e) => errors.push(e),
    });
    expect(schedule.next()).toEqual([]);
    store.setSchedule({ channel: shanghai, time: "09:00", zone: "Asia/Shanghai", setBy: "m" });
    schedule.refresh();
    await clock.advance(2 * DAY);
    expect(errors).toHaveLength(1);
    expect(posted.map((p) => p.day)).toEqual(["2026-12-08"]);
    expect(store.claimed(shanghai, "2026-12-07")).toBe(true);
    store.removeSchedule(shanghai);
    schedule.refresh();
    expect(clock.pending()).toBe(0);
    await clock.advance(2 * DAY);
    await schedule.stop();
    expect(posted.map((p) => p.day)).toEqual(["2026-12-08"]);
    storage.close();
  });
});
