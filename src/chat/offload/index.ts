/** Reply jobs and who serves them: reply worker threads, or this thread (see jobs.ts). */
export { createReplyPool, defaultReplyWorkers, type ReplyPool, type ReplyPoolOptions, type ReplyPoolStats } from "./pool.js";
export { inlineReplier, type Delivered, type MainHost, type Replier } from "./replier.js";
export { ReplyServer, type JobHost, type ReplyTools } from "./server.js";
export type { HeldTrace, Job, JobBudget, JobResult, TraceRef, ViewJob } from "./jobs.js";
