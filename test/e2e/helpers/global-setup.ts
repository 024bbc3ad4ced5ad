// One `wrangler dev` for all end-to-end tests (they each create their own sandbox), started like `npm run dev`.
import type { TestProject } from 'vitest/node';
import { startDev } from './wrangler.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dev = await startDev();
  project.provide('baseUrl', dev.url);
  return async () => {
    await dev.stop();
  };
}
