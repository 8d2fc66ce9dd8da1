// PKI.js as the benchmark uses it: open a PKCS#12 with a password the way its
// documentation shows (MAC check, then each safe, then each shrouded key),
// and return the first certificate's SHA-1 thumbprint. Bundled by esbuild
// into one script the page can run.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

function utf8(text) {
  return new TextEncoder().encode(text).buffer;
}

async function sha1Hex(buffer) {
  const digest = await crypto.subtle.digest('SHA-1', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

export async function openPfx(bytes, password) {
  const pw = utf8(password);
  const asn1 = asn1js.fromBER(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (asn1.offset === -1) throw new Error('not BER');
  const pfx = new pkijs.PFX({ schema: asn1.result });
  await pfx.parseInternalValues({ password: pw, checkIntegrity: true });
  const safe = pfx.parsedValue.authenticatedSafe;
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: pw })) });
  let thumbprint = null;
  let keys = 0;
  for (const contents of safe.parsedValue.safeContents) {
    for (const bag of contents.value.safeBags) {
      if (bag.bagId === '1.2.840.113549.1.12.10.1.2') {
        await bag.bagValue.parseInternalValues({ password: pw });
        keys += 1;
      } else if (bag.bagId === '1.2.840.113549.1.12.10.1.1') {
        keys += 1;
      } else if (bag.bagId === '1.2.840.113549.1.12.10.1.3' && !thumbprint) {
        thumbprint = await sha1Hex(bag.bagValue.parsedValue.toSchema().toBER(false));
      }
    }
  }
  if (!keys) throw new Error('no key');
  return thumbprint;
}
