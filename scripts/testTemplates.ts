// vitest globalSetup of the medium tier: one migrated template database per run and engine
// (packages/db/src/platform/testTemplate.ts), removed when the run ends. JUNHENG_TEST_NO_TEMPLATE=1
// leaves it out (every file then creates and migrates its own database: the old way, for timing).
import { prepareTestTemplates, testEngines } from '@junheng/db/testing';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.JUNHENG_TEST_NO_TEMPLATE === '1') return async () => {};
  return prepareTestTemplates(testEngines());
}
