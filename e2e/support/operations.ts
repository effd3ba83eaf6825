/** The metrics token of the tests' servers (playwright.config.ts gives it to Playwright's): a test value, not a secret. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-for-the-tests-only";
