import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the web UI: Debian's chromium (never a downloaded browser) against the built product started by
 * `test/browser/global-setup.ts` on its own fresh database of the machine's PostgreSQL, with the demo tenant.
 */
export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.browser-spec.ts',
  globalSetup: './test/browser/global-setup.ts',
  globalTeardown: './test/browser/global-teardown.ts',
  fullyParallel: false,
  workers: 1, // 2 cores: the product, its database and the browser share them
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results/browser',
  use: {
    baseURL: process.env.BROWSER_BASE_URL,
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
    viewport: { width: 1366, height: 900 },
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // The machine's network is closed: chromium's background connections would only fail.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
