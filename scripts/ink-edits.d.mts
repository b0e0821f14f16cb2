// Types of scripts/ink-edits.mjs, for vitest.config.ts and test/ui/ink-patch.test.ts.
export declare const INK_VERSION: string;
export declare const INK_EDITED_FILES: readonly string[];
export declare const INK_FILE: RegExp;
export declare function editInkFile(file: string, source: string): string | undefined;
