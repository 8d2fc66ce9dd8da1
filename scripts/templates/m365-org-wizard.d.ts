// For the JavaScript check only: what wasm-bindgen's glue of the page
// exports, which entry.js imports once post-build.mjs has put it beside it.
export default function init(options: { module_or_path: Promise<Response> }): Promise<{ memory: WebAssembly.Memory }>;
export function startPage(): void;
export function defineElement(): void;
export function mount(element: Element, options?: object): { unmount(): void };
export function inspectCertificate(files: Uint8Array[], password: string): Promise<string>;
export function generateCertificate(subject: string, years: number, bits: number, password: string): Promise<string>;
