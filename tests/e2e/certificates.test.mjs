// The certificate end to end on the app-only path of a v8 server: a .pfx
// from OpenSSL 3 sent as it is, a PEM certificate with an encrypted PKCS#8
// key turned into a .pfx in the browser, and the simulator opening each with
// its password (it refuses the request otherwise).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  BASE, launch, openPage, organizations, walkToReview, addAndSignIn, exact, next, heading,
  expectNoAxeViolations, chooseCertificate, CERTS, screenshot, apiToken, appOnly, recordBodies,
  toExistingApplication,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const expected = JSON.parse(readFileSync(`${CERTS}expected.json`, 'utf8'));
const PW = 'Fixture-Passw0rd';

const creds = (user, certificate) => appOnly(user, { certificate });

test('an OpenSSL 3 .pfx is sent as the user gave it', async () => {
  const { page } = await openPage(browser);
  const bodies = recordBodies(page);
  const file = 'openssl-default.p12';
  await walkToReview(page, {
    primary: creds('pfx@tailspin.onmicrosoft.com', { files: [file], password: PW }),
  }, async (state) => {
    if (state !== 'credentials') return;
    const card = page.locator('.m365w-card');
    const text = await card.innerText();
    assert.ok(text.includes(expected[file].sha1_thumbprint), text);
    assert.ok(text.includes('RSA, 2048 bits'), text);
    await expectNoAxeViolations(page, 'certificate card');
    await screenshot(page, 'certificate-card');
    const download = page.waitForEvent('download');
    await page.getByText('Upload the .cer to the application in Microsoft Entra ID, under Certificates & secrets').waitFor();
    await page.getByRole('button', { name: 'Download .cer for Entra ID', exact: true }).click();
    const saved = await (await download).path();
    assert.deepEqual(readFileSync(saved), readFileSync(`${CERTS}corpus/rsa2048.der`));
    assert.equal((await download).suggestedFilename(), 'wizard-fixture-rsa2048.cer');
  });
  const review = await page.locator('.m365w-review').innerText();
  assert.ok(review.includes(expected[file].sha1_thumbprint), review);
  // Neither the file's password nor the file itself is kept by the browser.
  const kept = await page.evaluate(() => JSON.stringify({ s: { ...sessionStorage }, l: { ...localStorage }, c: document.cookie, u: location.href }));
  const pfxStart = readFileSync(`${CERTS}corpus/${file}`).toString('base64').slice(0, 24);
  assert.ok(!kept.includes(PW) && !kept.includes(pfxStart), kept);
  assert.ok(!review.includes(PW), 'the review hides the password');
  const id = await addAndSignIn(page);
  const org = (await organizations('v8')).find((o) => o.id === id);
  assert.ok(org, 'the simulator opened the .pfx and added the organization');
  const sent = bodies.at(-1).exchangeOnlineSettings;
  assert.equal(sent.applicationCertificate, readFileSync(`${CERTS}corpus/${file}`).toString('base64'));
  assert.equal(sent.applicationCertificatePassword, PW);
  assert.equal(sent.useApplicationOnlyAuth, true);
  assert.equal(sent.account, 'pfx@tailspin.onmicrosoft.com');
  assert.equal(sent.officeOrganizationName, 'tailspin.onmicrosoft.com');
  for (const absent of ['applicationSecret', 'password', 'useMfa', 'grantAdminAccess']) {
    assert.equal(sent[absent], undefined, absent);
  }
});

test('a legacy .pfx of 600,000 rounds opens with its derivations side by side in helper workers', async () => {
  const { page, context } = await openPage(browser);
  const scripts = [];
  context.on('request', (r) => { if (/cert-worker\.js$/.test(r.url())) scripts.push(r.url()); });
  for (const file of ['nss-legacy.p12', 'openssl-legacy.p12', 'nss-firefox.p12']) {
    const bytes = readFileSync(`${CERTS}corpus/${file}`).toString('base64');
    const report = JSON.parse(await page.evaluate(async ([b64, password]) => {
      const { inspectCertificate } = await import('./embed.js');
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      return inspectCertificate([bytes], password);
    }, [bytes, PW]));
    assert.equal(report.ok, true, `${file}: ${JSON.stringify(report)}`);
    assert.equal(report.sha1_thumbprint, expected[file].sha1_thumbprint, file);
    // A wrong password is still said as one, after the same passes.
    const wrong = JSON.parse(await page.evaluate(async ([b64]) => {
      const { inspectCertificate } = await import('./embed.js');
      return inspectCertificate([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'not it');
    }, [bytes]));
    assert.equal(wrong.error, 'wrong_password', `${file}: ${JSON.stringify(wrong)}`);
  }
  // The worker, and at least one helper: the same script in a nested worker.
  assert.ok(scripts.length >= 2, scripts.join(' '));
});

test('a PEM certificate with an encrypted PKCS#8 key becomes an AES-256 .pfx in the browser', async () => {
  const { page } = await openPage(browser);
  const bodies = recordBodies(page);
  await walkToReview(page, {
    sharepoint: false,
    primary: creds('pem@tailspin-pem.onmicrosoft.com', {
      files: ['rsa2048.crt', 'key-pkcs8-pbes2.pem'], password: PW,
    }),
  }, async (state) => {
    if (state !== 'credentials') return;
    await page.getByText('The wizard builds a .pfx from these files (3DES').waitFor();
    await page.getByLabel('Protect the new .pfx with AES-256 instead of 3DES', exact).check();
    await page.getByText('The wizard builds a .pfx from these files (AES-256').waitFor();
  });
  const id = await addAndSignIn(page);
  assert.ok((await organizations('v8')).some((o) => o.id === id), 'the simulator opened the built .pfx');
  const pfx = Buffer.from(bodies.at(-1).exchangeOnlineSettings.applicationCertificate, 'base64');
  assert.equal(pfx[0], 0x30, 'a DER PKCS#12 was sent');
  const aes256 = Buffer.from([0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a]);
  assert.ok(pfx.includes(aes256), 'the .pfx uses AES-256 as asked');
});

test('a wrong password and a blocking finding stop the step with their own words', async () => {
  const { page } = await openPage(browser);
  await toExistingApplication(page);
  await page.getByLabel('Username', exact).fill('x@wrong-pw.onmicrosoft.com');
  await chooseCertificate(page, { files: ['openssl-default.p12'], password: 'not-it' }, { choice: false });
  await next(page);
  const summary = page.locator('.m365w-error-summary');
  await summary.getByText('The password does not open this file').waitFor();
  await expectNoAxeViolations(page, 'certificate wrong password');
  // Answers are kept; a corrected password reopens the same file.
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'x@wrong-pw.onmicrosoft.com');
  await page.getByLabel('Certificate password', exact).fill(PW);
  await page.getByLabel('Certificate password', exact).press('Tab');
  await page.locator('.m365w-card').waitFor();
  await page.locator('.m365w-dropzone .m365w-error-message').waitFor({ state: 'detached' });
  // An RSA 1024 certificate opens but cannot be used.
  await chooseCertificate(page, { files: ['openssl-rsa1024.p12'], password: PW }, { choice: false });
  await page.locator('.m365w-finding-error', { hasText: '1024 bits' }).waitFor();
  await next(page);
  await summary.getByText('Microsoft Entra ID needs at least 2048').waitFor();
  // Nor can an expired one.
  await chooseCertificate(page, { files: ['openssl-expired.p12'], password: PW }, { choice: false });
  await page.locator('.m365w-finding-error', { hasText: 'expired' }).waitFor();
  await next(page);
  await summary.getByText(/expired/).waitFor();
  await heading(page, 'Configure connection to Microsoft 365');
  assert.equal(await page.getByLabel('Username', exact).inputValue(), 'x@wrong-pw.onmicrosoft.com');
});

test('a certificate generated in the browser is one the server opens', async () => {
  const { page } = await openPage(browser);
  await heading(page, 'Services');
  const outcome = JSON.parse(await page.evaluate(async () => {
    const embedded = await import('./embed.js');
    return embedded.generateCertificate('Veeam Backup for Microsoft 365 - generated', 2, 2048, 'Gen-Pw-1');
  }));
  assert.equal(outcome.rejected, null);
  assert.equal(outcome.card.subject, 'CN=Veeam Backup for Microsoft 365 - generated');
  assert.equal(outcome.card.key, 'RSA, 2048 bits');
  assert.deepEqual(outcome.card.findings, []);
  // The card's thumbprint is the .cer's, as Entra ID will show it.
  const cer = Buffer.from(outcome.card.cer, 'base64');
  assert.equal(createHash('sha1').update(cer).digest('hex').toUpperCase(), outcome.card.sha1_thumbprint);
  // The simulator opens the .pfx with its password, as the server would.
  const token = await apiToken('v8');
  const body = {
    type: 'Office365', region: 'Worldwide', isExchangeOnline: true, isSharePointOnline: false,
    isTeamsOnline: false, isTeamsChatsOnline: false,
    exchangeOnlineSettings: {
      useApplicationOnlyAuth: true,
      applicationId: '0b5f2a4e-7c1d-4e8a-9f3b-2d6c8e1a7b90',
      applicationCertificate: outcome.pfx_base64,
      applicationCertificatePassword: 'Gen-Pw-1',
      account: 'impersonation@generated.onmicrosoft.com',
    },
  };
  const r = await fetch(`${BASE}/v8/Organizations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 201, await r.text());
  // Nothing of it was kept by the page.
  const kept = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  assert.ok(!kept.includes('Gen-Pw-1') && !kept.includes(outcome.pfx_base64.slice(0, 40)));
});
