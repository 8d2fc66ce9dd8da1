// Prunes wasm-streams' three classes from the page's first module and its
// glue (post-build.mjs calls it between wasm-bindgen and wasm-opt).
//
// Leptos links server_fn for its server functions, and server_fn links
// wasm-streams, whose three #[wasm_bindgen] classes (IntoUnderlyingSource,
// IntoUnderlyingByteSource, IntoUnderlyingSink) wasm-bindgen exports from
// the first module and glues, though nothing in the page makes a stream.
// Their exports go from the wasm (wasm-opt then drops their code) and their
// classes from the glue: about 1.6 KB gzip of the first visit, which
// "Check connections" needed to stay within 130 KB (docs/benchmark.md).
// Every step is checked: nothing to prune, or a class left in the glue,
// fails the build, and post-build.mjs checks the bundle names none of them,
// so a change in wasm-bindgen's output or a page that came to use streams
// fails its build rather than its users.
import { readFileSync, writeFileSync } from 'node:fs';

/** An unsigned LEB128 number at `at`: [value, next offset]. */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
const encodeUleb = (value) => {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
};

/** `wasm` without the exports whose names `drop` matches (a new export
 * section; every other section as it was). */
function withoutExports(wasm, drop) {
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  let dropped = 0;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = uleb(wasm, at + 1);
    const end = body + size;
    if (id !== 7) {
      parts.push(wasm.subarray(at, end));
    } else {
      let [count, p] = uleb(wasm, body);
      const kept = [];
      for (; count > 0; count -= 1) {
        const start = p;
        const [length, nameAt] = uleb(wasm, p);
        const name = wasm.subarray(nameAt, nameAt + length).toString('utf8');
        p = uleb(wasm, nameAt + length + 1)[1]; // kind byte, then index
        if (drop.test(name)) dropped += 1;
        else kept.push(wasm.subarray(start, p));
      }
      const section = Buffer.concat([encodeUleb(kept.length), ...kept]);
      parts.push(Buffer.from([7]), encodeUleb(section.length), section);
    }
    at = end;
  }
  return { wasm: Buffer.concat(parts), dropped };
}

/** Prunes the classes from the wasm at `wasmPath` and the glue at `gluePath`. */
export function pruneStreamClasses(wasmPath, gluePath) {
  const { wasm, dropped } = withoutExports(readFileSync(wasmPath), /^(__wbg_)?intounderlying(bytesource|sink|source)_/);
  if (dropped === 0) throw new Error('no wasm-streams exports to prune: is this step still needed?');
  writeFileSync(wasmPath, wasm);
  const glue = readFileSync(gluePath, 'utf8')
    .replace(/^export class (IntoUnderlying\w+) \{\n[\s\S]*?^\}\nif \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm, '')
    .replace(/^const IntoUnderlying\w+Finalization = [^;]*;\n/gm, '')
    .replace(/^const __wbindgen_enum_ReadableStreamType = [^;]*;\n/m, '');
  if (/intounderlying|ReadableStreamType/i.test(glue)) {
    throw new Error(`${gluePath}: wasm-streams classes left in the glue after pruning`);
  }
  writeFileSync(gluePath, glue);
}

