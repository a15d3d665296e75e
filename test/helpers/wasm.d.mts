/** The module structural.wat compiles to, as base64. */
export function compileStructural(): Promise<string>;
/** The text of structural-wasm.ts for a module. */
export function moduleSource(base64: string): string;
