// Types for the unit tests that import the script's pure helpers.
export declare const NATIVE_DIR_NAME: string;
export declare const BINDING_FILE_NAME: string;
export declare const ELECTRON_HEADERS_URL: string;
export declare const MISSING_ELECTRON_MESSAGE: string;

export interface NativeStamp {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

export declare function nativeTargetDir(root: string, electronVersion: string): string;
export declare function bindingFile(root: string, electronVersion: string): string;
export declare function installedVersion(root: string, pkg: string): string;
export declare function expectedStamp(root: string, options?: { platform?: string; arch?: string }): NativeStamp;
export declare function isUpToDate(
  root: string,
  expected: NativeStamp,
  exists?: (file: string) => boolean,
  read?: (file: string) => string,
): boolean;
export declare function findNodeGyp(
  root: string,
  env?: Record<string, string | undefined>,
  exists?: (file: string) => boolean,
): string | null;
export declare function nodeGypArgs(electronVersion: string, arch?: string): string[];
export declare function nodeGypEnv(env?: Record<string, string | undefined>): Record<string, string>;
export declare function electronExecutable(root: string): string | null;
export declare function ensureElectronNative(root: string, options?: { log?: (message: string) => void }): string;
