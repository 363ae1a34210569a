/**
 * Other users' acknowledgement time while heavy requests run three at a time (the local Discord,
 * which refuses an acknowledgement later than 3 s), and how long the heavy requests themselves
 * take to answer: "All steps" on a long run, 2,400 globals, a 46 KB file of 1,000 assignments.
 */
import { ackUnderLoad, soloReplies } from "../test/frontends/discord/load.js";

export async function benchAck(): Promise<Record<string, unknown>> {
  const withWorkers = await ackUnderLoad();
  return {
    what: "other users' /memsim help every 100 ms while 5 heavy requests run, 3 at a time, through the local Discord (3-second rule); ms",
    heavyCases: ["All steps (long run)", "All steps (long run)", "2,400 globals", "1,000 assignments (46 KB file)", "All steps (long run)"],
    replyWorkers: withWorkers,
    alone: { what: "each heavy program's /memsim run alone, from sending to the final answer (ms)", ...(await soloReplies()) },
  };
}
