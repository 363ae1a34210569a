/**
 * A process of its own on the quiz database, for the tests of several processes at once and of
 * a process killed mid-answer. Each line it prints is written only after its transaction has
 * committed. Usage: node store-child.mjs DIST DB MODE START_AT ARGS…
 *   claim CHANNEL DAYS        claims the days 1..DAYS of 2027, prints "won DAY"
 *   answer POST USERS…        answers for each user, prints "recorded USER" or "already USER"
 *   loop POST PREFIX FROM     answers for PREFIX+FROM, PREFIX+(FROM+1)… until killed
 */
import { writeSync } from "node:fs";
import { join } from "node:path";

const [dist, path, mode, startAt, ...args] = process.argv.slice(2);
const { openStorage } = await import(join(dist, "src", "storage", "index.js"));
const { openQuizStore } = await import(join(dist, "src", "quiz", "store", "index.js"));
const storage = openStorage(path);
const store = openQuizStore(storage);
const say = (line) => writeSync(1, line + "\n");
// every process starts at the same instant, so that they really race
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
/** the choice a user makes, known to the test too */
const choiceOf = (user) => ["a", "b", "c", "d"][Number(user.replace(/\D/g, "")) % 4];

if (mode === "claim") {
  const channel = JSON.parse(args[0]);
  const start = Date.parse("2027-01-01T00:00:00Z");
  for (let d = 0; d < Number(args[1]); d++) {
    // both processes go for each day at the same instant, 4 ms apart
    while (Date.now() < Number(startAt) + d * 4) await new Promise((r) => setImmediate(r));
    const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    if (store.claimPost(channel, day, "UTC")) say(`won ${day}`);
  }
} else if (mode === "answer") {
  const [post, ...users] = args;
  for (const [k, user] of users.entries()) {
    // every process presses its k-th button at the same instant
    while (Date.now() < Number(startAt) + k * 4) await new Promise((r) => setImmediate(r));
    const r = store.recordAnswer(Number(post), user, choiceOf(user));
    say(`${r.recorded ? "recorded" : r.reason} ${user}`);
  }
} else if (mode === "loop") {
  const [post, prefix, from] = args;
  for (let i = Number(from); ; i++) {
    const user = `${prefix}${i}`;
    const r = store.recordAnswer(Number(post), user, choiceOf(user));
    say(`${r.recorded ? "recorded" : r.reason} ${user}`);
  }
}
storage.close();
