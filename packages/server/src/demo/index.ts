/**
 * @module The demo county of an empty database, seeded through the real commands in one
 * transaction (demoSeed.ts; the 招生 parts in applicantDemo.ts, classPlacementsDemo.ts,
 * lotteryDemo.ts).
 */
export { type DemoApplicantsResult, seedDemoApplicants } from './applicantDemo.js';
export { seedDemoClassesAndQuota } from './classPlacementsDemo.js';
export { type DemoUser, type SeedDemoOptions, type SeedDemoResult, seedDemo } from './demoSeed.js';
export { demoAdmissionEntries, type SeedDemoLotteryOptions, seedDemoLottery } from './lotteryDemo.js';
