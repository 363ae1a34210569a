/**
 * Each channel's daily post at its HH:MM in its time zone. Croner computes the next run (its
 * zone support carries DST changes); our own timer waits for it, so a simulated clock can
 * drive the schedule in tests. The day's row is claimed before posting, so two processes or a
 * restart never post twice; at start-up a post whose time passed today with no row yet (the
 * process was down; the schedule was already set then) is posted once, late.
 */
import { Cron } from "croner";
import type { ChannelRef } from "../../chat/adapter.js";
import { channelKey, localDay, type QuizSchedule, type QuizStore } from "../store/index.js";
import { systemClock, type Clock } from "./clock.js";

export interface QuizScheduleOptions {
  store: QuizStore;
  /** posts the day's question; the day is already claimed for this caller */
  post(channel: ChannelRef, day: string): Promise<void>;
  clock?: Clock;
  /** a post that failed (the day stays claimed: it is never posted twice) */
  onError?(error: unknown, channel: ChannelRef, day: string): void;
  /** the longest a timer waits before the next run is computed again (default one hour) */
  maxWaitMs?: number;
}

export interface RunningSchedule {
  /** reads the schedules again (after one is set or stopped) */
  refresh(): void;
  /** each scheduled channel's next post, soonest first */
  next(): { channel: ChannelRef; at: number }[];
  /** resolves once every post under way has ended */
  settled(): Promise<void>;
  /** no more posts; resolves once those under way have ended */
  stop(): Promise<void>;
}

interface Job {
  schedule: QuizSchedule;
  cron: Cron;
  at: number;
  timer?: unknown;
}

function cronFor(s: QuizSchedule): Cron {
  const [hh, mm] = s.time.split(":").map(Number);
  return new Cron(`${mm} ${hh} * * *`, { timezone: s.zone, paused: true });
}

const sameTime = (a: QuizSchedule, b: QuizSchedule) => a.time === b.time && a.zone === b.zone;

export function startQuizSchedule(options: QuizScheduleOptions): RunningSchedule {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const maxWait = options.maxWaitMs ?? 3_600_000;
  const jobs = new Map<string, Job>();
  const underWay = new Set<Promise<void>>();
  let stopped = false;

  const fire = (schedule: QuizSchedule, at: number) => {
    const day = localDay(at, schedule.zone);
    try {
      if (!store.claimPost(schedule.channel, day, schedule.zone)) return;
    } catch (error) {
      // the database refused (busy past its timeout, or closed): told, and the next day still comes
      options.onError?.(error, schedule.channel, day);
      return;
    }
    const done = Promise.resolve()
      .then(() => options.post(schedule.channel, day))
      .catch((error: unknown) => options.onError?.(error, schedule.channel, day))
      .finally(() => underWay.delete(done));
    underWay.add(done);
  };

  const arm = (job: Job) => {
    const from = clock.now();
    job.at = job.cron.nextRun(new Date(from))!.getTime();
    const wake = () => {
      if (stopped || jobs.get(channelKey(job.schedule.channel)) !== job) return;
      if (clock.now() < job.at) {
        job.timer = clock.setTimer(wake, Math.min(job.at - clock.now(), maxWait));
        return;
      }
      fire(job.schedule, job.at);
      arm(job);
    };
    job.timer = clock.setTimer(wake, Math.min(job.at - from, maxWait));
  };

  const drop = (key: string) => {
    const job = jobs.get(key);
    if (!job) return;
    if (job.timer !== undefined) clock.clearTimer(job.timer);
    job.cron.stop();
    jobs.delete(key);
  };

  const load = (catchUp: boolean) => {
    const current = new Map(store.schedules().map((s) => [channelKey(s.channel), s]));
    for (const [key, job] of [...jobs]) {
      const s = current.get(key);
      if (!s || !sameTime(s, job.schedule)) drop(key);
      else job.schedule = s;
    }
    for (const [key, schedule] of current) {
      if (jobs.has(key)) continue;
      const job: Job = { schedule, cron: cronFor(schedule), at: 0 };
      jobs.set(key, job);
      if (catchUp) {
        // missed: today's time passed (this very instant counts) while the schedule was set
        const last = job.cron.previousRuns(1, new Date(clock.now() + 1))[0]?.getTime();
        if (last !== undefined && last >= schedule.setAt && localDay(last, schedule.zone) === localDay(clock.now(), schedule.zone)) fire(schedule, last);
      }
      arm(job);
    }
  };

  load(true);

  const settled = async () => {
    while (underWay.size > 0) await Promise.all([...underWay]);
  };

  return {
    refresh: () => {
      if (!stopped) load(false);
    },
    next: () => [...jobs.values()].map((j) => ({ channel: j.schedule.channel, at: j.at })).sort((a, b) => a.at - b.at),
    settled,
    async stop() {
      stopped = true;
      for (const key of [...jobs.keys()]) drop(key);
      await settled();
    },
  };
}
