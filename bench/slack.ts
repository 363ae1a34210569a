/**
 * End-to-end reply latency through the local Slack: from the slash command's envelope (a
 * `/memsim run` with the program in a code block, over Socket Mode) to the final message with
 * its PNG uploaded. Warm, as the Discord figure: the pool at rest before each timed request,
 * and each program changed by a comment so no trace is reused from the cache.
 */
import { createSlackAdapter } from "../src/frontends/slack/index.js";
import { startFakeSlack } from "../test/frontends/slack/fake/server.js";
import { timeExamples, warmCore, type Timed } from "./discord.js";
import { percentile, round } from "./stats.js";

export async function benchSlack(options: { runs?: number; warmup?: number } = {}): Promise<Record<string, unknown>> {
  const runs = options.runs ?? 11;
  const warmup = options.warmup ?? 2;
  const fake = await startFakeSlack();
  const { layer, core } = await warmCore();
  const app = createSlackAdapter({ core, botToken: fake.botToken, apiUrl: fake.apiUrl, receiver: { kind: "socket", appToken: fake.appToken } });
  await app.start();
  await fake.socket.connected();
  let timed: Timed;
  try {
    timed = await timeExamples(layer, async (code, name) => {
      const files = fake.files.length;
      await fake.slash(`run \`\`\`\n${code}\`\`\``, fake.users.alice);
      await app.idle();
      if (!fake.files.slice(files).some((f) => f.name.endsWith(".png"))) throw new Error(`${name}: the reply has no diagram`);
    }, runs, warmup);
  } finally {
    await app.stop();
    await layer.close();
    await fake.close();
  }
  const { all, examples } = timed;
  all.sort((a, b) => a - b);
  return {
    what: "the slash command's envelope (Socket Mode) to the final message with its PNG uploaded and its advice, through a local Slack and the sandbox pool",
    sandbox: layer.where("python"),
    medianMs: round(percentile(all, 50)),
    p95Ms: round(percentile(all, 95)),
    examples,
  };
}
