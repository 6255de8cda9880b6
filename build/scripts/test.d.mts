// Types for the unit tests that import the set-up's helpers (test/setup/test-command.test.ts).
export declare const DEBIAN_PACKAGES: string[];
export declare const REQUIRED_PROGRAMS: string[];
export declare const NPM_FOLDERS: string[];
export declare function which(name: string, env?: NodeJS.ProcessEnv): string | null;
export declare function missingDebianPackages(packages?: string[], env?: NodeJS.ProcessEnv): string[] | null;
export declare function aptCommand(options?: { uid?: number; env?: NodeJS.ProcessEnv; interactive?: boolean }):
  | { prefix: string[]; aptGet: string }
  | { error: string }
  | null;
export declare function installDebianPackages(options?: {
  dryRun?: boolean;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  interactive?: boolean;
}): void;
export declare function isInstalled(folder: string): boolean;
