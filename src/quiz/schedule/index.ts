/** The daily quiz's schedule: each channel's post at its local time, claimed once, caught up once. */
export { simulatedClock, systemClock, type Clock, type SimulatedClock } from "./clock.js";
export { startQuizSchedule, type QuizScheduleOptions, type RunningSchedule } from "./schedule.js";
