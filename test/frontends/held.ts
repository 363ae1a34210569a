/** A simulator for the front ends' tests: its runs wait until the test lets them go. */
import type { SimulationResult, Simulator } from "../../src/chat/index.js";

/** A simulator whose runs wait until the test lets them go (a slow simulation, on demand). */
export class HeldSimulator implements Simulator {
  finished = 0;
  /** resolves when a run has begun (and is waiting) */
  readonly started: Promise<void>;
  private begin!: () => void;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  constructor(private readonly inner: Simulator) {
    this.started = new Promise((resolve) => (this.begin = resolve));
  }
  async run(source: string, request: Parameters<Simulator["run"]>[1]): Promise<SimulationResult> {
    this.begin();
    await this.gate;
    const result = await this.inner.run(source, request);
    this.finished++;
    return result;
  }
  release(): void {
    this.open();
  }
}
