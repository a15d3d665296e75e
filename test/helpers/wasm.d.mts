/** The module structural.wat compiles to, as base64: its memory private, or `shared`. */
export function compileStructural(shared?: boolean): Promise<string>;
/** The text of structural-wasm.ts for the module and its shared-memory twin. */
export function moduleSource(base64: string, sharedBase64: string): string;
