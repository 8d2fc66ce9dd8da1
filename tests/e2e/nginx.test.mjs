// One full path through real nginx (deploy/nginx-m365-org-wizard.conf) in front
// of the simulator over TLS, as production runs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, walkToReview, addAndSignIn, appOnly } from './support.mjs';

const NGINX = process.env.NGINX_URL;
if (!NGINX) throw new Error('NGINX_URL is not set: run the end-to-end tests through `make test`.');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the page and the API through nginx, upstream over verified TLS', async () => {
  const { page } = await openPage(browser, '/', NGINX);
  const response = await page.request.get(`${NGINX}/`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(response.headers()['content-security-policy'], /require-trusted-types-for 'script'/);
  await walkToReview(page, {
    primary: appOnly('ops@behind-nginx.com'),
  });
  const id = await addAndSignIn(page);

  const token = await fetch(`${NGINX}/v8/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin&password=admin',
  }).then((r) => r.json());
  const list = await fetch(`${NGINX}/v8/Organizations`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  }).then((r) => r.json());
  const found = list.results.filter((o) => o.name === 'behind-nginx.com');
  assert.equal(found.length, 1);
  assert.equal(found[0].id, id);
});
