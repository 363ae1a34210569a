/**
 * The Advisor the command layer uses, over memsim's advisor (src/advisor): the top finding
 * for a run, worded in the asker's language, with the saving measured by running the
 * rewrite. Findings are kept per trace, so stepping through a run does not ask again.
 */
import { advise, formatAdvice, type ParseProgram } from "../advisor/index.js";
import type { Trace } from "../core/trace.js";
import { translator, type Locale } from "../i18n/index.js";
import type { Advisor, Simulator } from "./services.js";

type Findings = Awaited<ReturnType<typeof advise>>;

/**
 * Advice from memsim's advisor. Rewrites run through `simulator` (the sandbox, for the bot);
 * `parse` is Python's own parser (it runs no code).
 */
export function findingsAdvisor(simulator: Simulator, parse: ParseProgram): Advisor {
  const found = new WeakMap<Trace, Promise<Findings>>();
  const run = async (source: string): Promise<Trace> => {
    const result = await simulator.run(source, { language: "python", locale: "en" });
    if (!result.ok) throw new Error(`rewrite not run: ${result.code}`);
    return result.trace;
  };
  return {
    async top(trace: Trace, locale: Locale) {
      let findings = found.get(trace);
      if (!findings) {
        findings = advise({ source: trace.source, trace }, run, parse).catch(() => []);
        found.set(trace, findings);
      }
      const [first] = formatAdvice((await findings).slice(0, 1), translator(locale));
      if (!first) return undefined;
      return { title: first.title, detail: first.body, ...(first.saving ? { saving: first.saving } : {}), ...(first.rewrite ? { rewrite: first.rewrite } : {}) };
    },
  };
}
