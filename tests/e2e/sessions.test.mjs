// The backup-server session the wizard opens itself ends with the wizard: on
// v7 and v8 it calls POST /token/logout once when the organization is added
// or the wizard is cancelled; never on v6 (no such resource) and never with a
// host's token. Tokens live in memory only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, openPage, until, quiet, walkToReview, heading, signIn, arm, exact,
  appOnly, fillCredentials,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// App-only, the method every version takes for new organizations.
const creds = (user) => appOnly(user);

/** Opens the page and records the API calls and the tokens the server issued. */
async function watch(path, allow = []) {
  const opened = await openPage(browser, path, undefined, { allow });
  const calls = [];
  const tokens = [];
  opened.page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (/^\/v\d\//.test(p)) calls.push(`${r.method()} ${p}`);
  });
  opened.page.on('response', async (r) => {
    if (/\/v\d\/token$/.test(new URL(r.url()).pathname) && r.ok()) {
      const body = await r.json();
      tokens.push(body.access_token, body.refresh_token);
    }
  });
  return { ...opened, calls, tokens };
}

const logouts = (calls) => calls.filter((c) => c.endsWith('/token/logout'));

async function stillValid(version, token) {
  const r = await fetch(`${BASE}/${version}/Organizations`, { headers: { authorization: `Bearer ${token}` } });
  return r.status === 200;
}


for (const version of ['v7', 'v8']) {
  test(`${version}: adding the organization logs the wizard's session out, once`, async () => {
    const { page, context, calls, tokens } = await watch(`/?apiVersion=${version}`);
    await walkToReview(page, { primary: creds(`ops@logout-${version}.com`) });
    await page.getByRole('button', { name: 'Add organization', exact: true }).click();
    await heading(page, 'Finish');
    await signIn(page);
    await page.getByRole('heading', { name: 'Organization added' }).waitFor();
    await until(() => logouts(calls).length === 1, 'the logout');
    assert.deepEqual(logouts(calls), [`POST /${version}/token/logout`]);
    assert.equal(await stillValid(version, tokens[0]), false, 'the access token was ended');

    // The tokens were never written anywhere but memory.
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie + location.href);
    const cookies = JSON.stringify(await context.cookies());
    for (const token of tokens) {
      assert.ok(!kept.includes(token) && !cookies.includes(token), 'a token reached storage, cookies or the URL');
    }
    // Add another: no second logout.
    await page.getByRole('button', { name: 'Add another organization', exact: true }).click();
    await heading(page, 'Services');
    await quiet(page);
    assert.equal(logouts(calls).length, 1);
  });
}

test('v7: cancelling after signing in logs out once', async () => {
  const { page, calls, tokens } = await watch('/?apiVersion=v7', [/status of 503 /]);
  await walkToReview(page, { primary: creds('ops@logout-cancel.com') });
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await heading(page, 'Finish');
  await arm('add', { kind: 'status', status: 503 });
  await signIn(page);
  await page.getByText('The backup server failed (HTTP 503)').waitFor();
  assert.equal(logouts(calls).length, 0, 'still signed in after a failure, for Try again');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('button', { name: 'Discard', exact: true }).click();
  await heading(page, 'Services');
  await until(() => logouts(calls).length === 1, 'the logout');
  assert.equal(await stillValid('v7', tokens[0]), false);
  await quiet(page);
  assert.deepEqual(logouts(calls), ['POST /v7/token/logout']);
});

test('v6 has no logout: none is called', async () => {
  const { page, calls, tokens } = await watch('/?apiVersion=v6');
  await walkToReview(page, { primary: creds('ops@logout-v6.com') });
  await page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await heading(page, 'Finish');
  await signIn(page);
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
  await quiet(page);
  assert.deepEqual(logouts(calls), []);
  assert.ok(calls.includes('POST /v6/Organizations'), calls.join(' '));
  assert.equal(await stillValid('v6', tokens[0]), true);
});

test("a host's token is never logged out", async () => {
  const { page, calls } = await watch('/demo/');
  const element = page.locator('m365-org-wizard');
  await element.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await fillCredentials(element, 'AppOnly', creds('ops@host-token.onmicrosoft.com'));
  await element.getByRole('button', { name: 'Next', exact: true }).click();
  await element.getByRole('button', { name: 'Add organization', exact: true }).click();
  await page.getByText('Added host-token.onmicrosoft.com').waitFor();
  // The mounted wizard is cancelled and unmounted by the console.
  const mounted = page.locator('#mount-slot');
  await mounted.getByRole('button', { name: 'Cancel', exact: true }).click();
  await mounted.getByRole('button', { name: 'Discard', exact: true }).click();
  await quiet(page);
  assert.deepEqual(logouts(calls), []);
  assert.ok(calls.some((c) => c.endsWith('/Organizations')), calls.join(' '));
});
