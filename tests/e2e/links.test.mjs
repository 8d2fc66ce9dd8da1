// A link cannot choose where the operator's credentials go. Crafted
// ?apiBase= links are opened on a host that sends no CSP header (the page's
// own <meta> policy only), on the same host with that meta removed too (the
// wizard's own judgement alone), and under the strict CSP header; the browser
// must make no request to any origin but the page's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, session, walkToReview, heading, signIn, startSim,
  appOnly,
} from './support.mjs';

let browser;
let bare; // a simulator that sends no CSP header
before(async () => {
  browser = await launch();
  bare = await startSim(['--static', 'target/www']);
});
after(async () => {
  await browser?.close();
  bare?.stop();
});

// App-only, the method every version takes for new organizations.
const creds = (user) => appOnly(user);

/** Links the page must refuse, with the origin the refusal must name. */
function refusedLinks(pageUrl) {
  const port = new URL(pageUrl).port;
  return [
    ['https://somewhere-else.example/', 'https://somewhere-else.example'],
    ['//evil.example', 'http://evil.example'],
    ['/\\evil.example', 'http://evil.example'],
    ['http://evil.example\\@127.0.0.1:' + port, 'http://evil.example'],
    ['https://%65vil.example', 'https://evil.example'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    [`http://localhost:${port}`, `http://localhost:${port}`],
    [`HTTP://127.0.0.1:${Number(port) + 1}`, `http://127.0.0.1:${Number(port) + 1}`],
    ['javascript:alert(1)', null],
    ['data:text/plain,x', null],
    [`http://admin:admin@127.0.0.1:${port}`, null],
  ];
}

/** Opens `link` as the page's apiBase, recording every request the browser makes. */
async function open(base, link, { stripMeta = false } = {}) {
  // A path that is not the API answers 404 to the version probes.
  const { context, page } = await session(browser, { allow: [/status of 404 /] });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  if (stripMeta) {
    await context.route((url) => url.pathname === '/' || url.pathname.endsWith('.html'), async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/, '');
      await route.fulfill({ response, body });
    });
  }
  await page.goto(`${base}/?apiBase=${encodeURIComponent(link)}`);
  return { page, requests };
}

function assertOnlyPageOrigin(requests, base, link) {
  const origin = new URL(base).origin;
  const elsewhere = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(elsewhere, [], `${link}: requests left the page's origin`);
}

for (const [mode, opts] of [['no CSP header', {}], ['no CSP at all', { stripMeta: true }], ['the CSP header', { csp: true }]]) {
  test(`crafted links are refused and name the address (${mode})`, async () => {
    const base = opts.csp ? BASE : bare.url;
    for (const [link, origin] of refusedLinks(base)) {
      const { page, requests } = await open(base, link, opts);
      await page.getByRole('heading', { name: 'The wizard cannot start' }).waitFor();
      const message = await page.locator('.m365w-failure').innerText();
      if (origin) assert.ok(message.includes(origin), `${link}: ${message}`);
      assert.equal(await page.locator('h2', { hasText: 'Services' }).count(), 0);
      assertOnlyPageOrigin(requests, base, link);
    }
  });
}

test('the page carries its own policy, with connect-src limited to its origin', async () => {
  const html = await (await fetch(`${bare.url}/`)).text();
  const tag = html.match(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/)?.[0];
  const meta = tag?.match(/\bcontent="([^"]+)"/);
  assert.ok(meta, 'no CSP meta in index.html');
  assert.match(meta[1], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(meta[1], /connect-src 'self';/);
  assert.match(meta[1], /require-trusted-types-for 'script'; trusted-types m365-org-wizard default/);
  const served = await fetch(`${bare.url}/`);
  assert.equal(served.headers.get('content-security-policy'), null, 'this host sends no header');
});

for (const [mode, opts] of [['no CSP header', {}], ['no CSP at all', { stripMeta: true }]]) {
  test(`links to paths on the page's own origin are walked to the end (${mode})`, async () => {
    const base = bare.url;
    const port = new URL(base).port;
    // 127.1 is 127.0.0.1 spelt short: the same origin. The encoded slashes stay a path here.
    for (const [link, outcome] of [[`http://127.1:${port}`, 'added'], ['/%2F%2Fevil.example', 'failed']]) {
      const { page, requests } = await open(base, link, opts);
      {
        const domain = `link${outcome}${opts.stripMeta ? 'bare' : ''}.com`;
        await walkToReview(page, { primary: creds(`ops@${domain}`) });
        await page.getByRole('button', { name: 'Add organization', exact: true }).click();
        await heading(page, 'Finish');
        if (outcome === 'added') {
          await signIn(page);
          await page.getByRole('heading', { name: 'Organization added' }).waitFor();
        } else {
          await page.getByLabel('Server user name', { exact: true }).fill('admin');
          await page.getByLabel('Server password', { exact: true }).fill('admin');
          await page.getByRole('button', { name: 'Sign in', exact: true }).click();
          await page.getByRole('heading', { name: 'Adding the organization did not finish' }).waitFor();
        }
        assertOnlyPageOrigin(requests, base, link);
        assert.ok(requests.some((u) => /\/v[678]\//.test(u)), `${link}: the API was called`);
      }
    }
  });
}
