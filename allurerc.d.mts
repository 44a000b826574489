// Types of allurerc.mjs, for the TypeScript tests that import it (tests/report/allurerc.test.ts).
import type { AllureConfig } from "allure";

/** The categories of the report's Categories tab (claim results by verdict). */
export declare const categories: NonNullable<AllureConfig["categories"]> & unknown[];
declare const config: AllureConfig;
export default config;
