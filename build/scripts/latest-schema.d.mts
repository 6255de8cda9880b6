// Types for the test that checks db/migrations/latest.generated.ts is current (test/db/latest-schema.test.ts).
export declare const NO_ID: string;
export declare function latestSchemaSource(): Promise<string>;
export declare function writeLatestSchema(): Promise<boolean>;
