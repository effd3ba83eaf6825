import fs from "node:fs";
import type { Reporter, SerializedError, TestModule } from "vitest/node";

/**
 * A Vitest reporter for the runner (e2e/security/run.ts): what failed a run outside any test —
 * an unhandled error or rejection, an error in a file's hooks or its import — written as JSON to
 * the file named by CORROBORATE_VITEST_PROBLEMS, so the run's summary can say what it was (the
 * JSON reporter only lists tests, and a run can end with status 1 though every test passed).
 */
const describe = (error: SerializedError) => [error.name, error.message].filter(Boolean).join(": ") + (error.stack ? `\n${error.stack.split("\n").slice(1, 6).join("\n")}` : "");

export default class ProblemsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const out = process.env.CORROBORATE_VITEST_PROBLEMS;
    if (!out) return;
    const problems = [
      ...unhandledErrors.map((error) => `unhandled: ${describe(error)}`),
      ...testModules.flatMap((module) => module.errors().map((error) => `${module.relativeModuleId}: ${describe(error)}`)),
    ];
    fs.writeFileSync(out, JSON.stringify(problems));
  }
}
