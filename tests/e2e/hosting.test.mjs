// The static page under a sub-path, configured by URL parameters, and
// automatic version detection against an older server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, session, until, organizations, walkToReview, addAndSignIn, startSim,
  appOnly, expectNoAxeViolations, screenshot,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// App-only, the method every version takes for new organizations.
const creds = (user) => appOnly(user);

test('works under a sub-path with apiVersion from the URL', async () => {
  const { page } = await openPage(browser, '/console/wizard/?apiVersion=v6');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByText('Backup server: version 6 (as configured)', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  const v6calls = [];
  page.on('request', (r) => { if (r.url().includes('/v')) v6calls.push(new URL(r.url()).pathname); });
  await walkToReview(page, { primary: creds('a@subpath.com') });
  const id = await addAndSignIn(page);
  assert.ok(v6calls.length > 0 && v6calls.every((p) => p.startsWith('/v6/')), v6calls.join(' '));
  assert.ok((await organizations('v6')).some((o) => o.id === id));
});

test('an unknown apiVersion stops the page with a clear message', async () => {
  const { page } = await openPage(browser, '/?apiVersion=v9');
  await page.getByRole('heading', { name: 'The wizard cannot start' }).waitFor();
  await page.getByText('apiVersion “v9” is not supported. Use v6, v7, v8 or auto.').waitFor();
  // config.json and the query are read with the later steps: the first
  // step, drawn meanwhile, is gone, and so is its title.
  assert.equal(await page.locator('h2', { hasText: 'Services' }).count(), 0);
  assert.equal(await page.title(), 'The wizard cannot start \u2013 Add a Microsoft 365 organization');
});

test('the first step waits for neither config.json nor the later steps; the second waits for both', async () => {
  const { page } = await session(browser);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.route(/\/config\.json$/, async (route) => {
    await held;
    await route.fulfill({ contentType: 'application/json', body: '{"apiVersion": "v7"}' });
  });
  await page.goto(`${process.env.SIM_URL}/`);
  await page.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
  // Asked for only once the first step is drawn, with the later steps.
  await until(() => requested.some((p) => p.endsWith('/config.json')), 'the config.json request');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor();
  release();
  await page.getByText('Backup server: version 7 (as configured)', { exact: true }).waitFor();
});

test('a plain-HTTP API on another host is refused, from config.json or a link', async () => {
  const { context, page } = await session(browser);
  await context.route(/\/config\.json$/, (route) => route.fulfill({
    contentType: 'application/json', body: '{"apiBase": "http://vb365.example:4443"}',
  }));
  await page.goto(`${process.env.SIM_URL}/`);
  await page.getByText('The API address http://vb365.example:4443 uses plain HTTP.').waitFor();

  const link = await openPage(browser, '/?apiBase=http%3A%2F%2Fvb365.example%3A4443');
  await link.page.getByText('send your sign-in to http://vb365.example:4443').waitFor();
});

test('"auto" finds the newest version an older server offers', async () => {
  const old = await startSim(['--versions', 'v6,v7', '--static', 'target/www', '--csp']);
  try {
    // The server answers the v8 probe with 404: that is how "auto" learns.
    const { page } = await session(browser, { allow: [/status of 404 /] });
    const paths = [];
    page.on('request', (r) => paths.push(new URL(r.url()).pathname));
    await page.goto(`${old.url}/`);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    // Known before the method is chosen.
    await page.getByText('Backup server: version 7', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await walkToReview(page, { primary: creds('b@older.com') });
    await addAndSignIn(page);
    assert.ok(paths.includes('/v8/Organizations'), 'v8 was probed');
    assert.ok(paths.includes('/v7/token'), paths.join(' '));
    assert.ok(!paths.includes('/v6/token'));
  } finally {
    old.stop();
  }
});

test('every script, style and wasm file carries an integrity hash the browser enforces', async () => {
  const html = await (await fetch(`${process.env.SIM_URL}/`)).text();
  // Trunk's minifier leaves attribute values unquoted where it can.
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((m) => m[0])
    .filter((tag) => /(src|href)="?[^"\s>]+\.(js|wasm|css)[\s">]/.test(tag));
  // The stylesheet, the page's one script and the wasm it fetches.
  assert.ok(refs.length >= 3, html);
  for (const tag of refs) assert.match(tag, /integrity="?sha384-[A-Za-z0-9+/=]+[\s">]/, tag);
  const boot = html.match(/src="\.\/(boot-[^"]+\.js)"/)[1];
  const loader = await (await fetch(`${process.env.SIM_URL}/${boot}`)).text();
  // The main module, and the later steps' module it fetches once the first step shows.
  const fetchedWithIntegrity = (file) => new RegExp(
    `fetch\\(new URL\\(["']\\./[^"']+${file}["'],\\s*import\\.meta\\.url\\),\\s*\\{\\s*integrity:\\s*["']sha384-`);
  assert.match(loader, fetchedWithIntegrity('_bg\\.wasm'));
  assert.match(loader, fetchedWithIntegrity('-later-steps\\.wasm'));

  // One flipped byte in the wasm: the browser refuses it and nothing runs.
  // The browser's refusal is the one error this page must show.
  // (Its loader's fetch then rejects: "Failed to fetch".)
  const { page } = await session(browser, { allow: [/integrity/i, /^pageerror: Failed to fetch$/] });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.route(/_bg\.wasm$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 1] ^= 1;
    await route.fulfill({ response, body });
  });
  await page.goto(`${process.env.SIM_URL}/`);
  await until(() => errors.some((e) => /integrity/i.test(e)), 'the integrity error');
  assert.equal(await page.locator('h2').count(), 0, 'no step was shown');
});

test('the later steps\' module refused on the way: the step says so, and Try again loads it with nothing lost', async () => {
  // The browser refuses the altered module (integrity); the split loader
  // logs the refusal.
  const { page } = await session(browser, { allow: [/integrity/i, /Failed to fetch/] });
  let served = 0;
  await page.route(/-later-steps\.wasm$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    served += 1;
    if (served === 1) body[body.length - 1] ^= 1;
    await route.fulfill({ response, body });
  });
  await page.goto(`${process.env.SIM_URL}/`);
  await page.getByLabel('Microsoft Teams', { exact: true }).check();
  await until(() => served === 1, 'the later steps fetched after the first step');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Region and authentication method' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'This step could not be loaded. Check the connection to the server, then try again.' }).waitFor();
  // Next would check the answers of a step nobody has seen.
  assert.equal(await page.getByRole('button', { name: 'Next', exact: true }).count(), 0);
  await expectNoAxeViolations(page, 'later steps refused');
  await screenshot(page, 'later-steps-refused');
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await page.getByRole('group', { name: 'Region' }).waitFor();
  await page.getByRole('button', { name: 'Next', exact: true }).waitFor();
  assert.equal(served, 2);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  assert.ok(await page.getByLabel('Microsoft Teams', { exact: true }).isChecked(), 'the answer was kept');
});
