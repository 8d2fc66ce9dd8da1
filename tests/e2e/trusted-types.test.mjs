// Trusted Types (src/trusted_types.js). Every end-to-end test runs under
// `require-trusted-types-for 'script'` (the simulator's --csp and the page's
// own <meta>), and any violation fails it; here, the policy's rules in Node,
// then in the browser: the whole add flow's templates pass, and markup that
// could run script never becomes script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { refusalOfHtml, refusalOfScriptUrl } from '../../src/trusted_types.js';
import { launch, openPage, heading, next, until } from './support.mjs';

const BASE_URL = 'https://console.example/wizard/boot-0123.js';

test('the rules pass view templates and refuse whatever could run script', () => {
  for (const template of [
    '<div class="m365w-step-body"><p class="m365w-intro">A Global Administrator signs in.</p><!><!></div>',
    '<form class="m365w-sign-in" novalidate><label for="x">Server user name</label><input type="text"></form>',
    '<a href="https://learn.microsoft.com/entra/" target="_blank" rel="noopener">Microsoft Entra admin center</a>',
    '<p>Sign in as someone who can act on behalf of the organization, then choose Next.</p>',
  ]) {
    assert.equal(refusalOfHtml(template), null, template);
  }
  for (const attack of [
    '<img src=x onerror="alert(1)">',
    '<img src=x/onerror=alert(1)>',
    '<img title=">" onerror=alert(1)>',
    '<svg><animate onbegin=alert(1)></svg>',
    '<script>alert(1)</script>',
    '<SCRIPT src="https://evil.example/x.js"></SCRIPT>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<object data="https://evil.example/x.swf"></object>',
  ]) {
    assert.notEqual(refusalOfHtml(attack), null, attack);
  }
  assert.equal(refusalOfScriptUrl('./cert-worker.js', BASE_URL), null);
  assert.equal(refusalOfScriptUrl('https://console.example/wizard/cert-worker.js', BASE_URL), null);
  for (const url of [
    'https://evil.example/wizard/cert-worker.js',
    'https://console.example/other/cert-worker.js',
    '../cert-worker.js',
    './cert-worker.js?x=1',
    './cert-worker.wasm',
    'data:text/javascript,alert(1)',
    'javascript:alert(1)',
    'blob:https://console.example/1234',
  ]) {
    assert.notEqual(refusalOfScriptUrl(url, BASE_URL), null, url);
  }
});

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('under Trusted Types the wizard runs, and an event handler in HTML never becomes one', async () => {
  // The refused assignment below is reported by the browser on purpose.
  const reported = /CSP violation: require-trusted-types-for|TrustedHTML/;
  const { page } = await openPage(browser, '/', undefined, { allow: [reported] });
  const violations = [];
  page.on('console', (m) => { if (reported.test(m.text())) violations.push(m.text()); });
  await heading(page, 'Services');
  await next(page);
  await heading(page, 'Region and authentication method');
  assert.deepEqual(violations, [], 'the steps built under Trusted Types');
  const policies = await page.evaluate(() => ({
    enforced: typeof window.trustedTypes === 'object',
    fallback: window.trustedTypes?.defaultPolicy?.name,
  }));
  assert.deepEqual(policies, { enforced: true, fallback: 'default' });

  const outcome = await page.evaluate(() => {
    const holder = document.createElement('div');
    document.body.append(holder);
    let refused = null;
    try {
      holder.innerHTML = '<img src="data:," onerror="window.__handled = true">';
    } catch (error) {
      refused = error.name;
    }
    return { refused, children: holder.childElementCount };
  });
  assert.deepEqual(outcome, { refused: 'TypeError', children: 0 });
  await until(() => violations.length > 0, 'the browser reports the refused assignment');
  await until(() => page.evaluate(() => document.querySelectorAll('img[onerror]').length === 0), 'no handler element');
  // Time for an image error event, had the markup landed anywhere.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await page.evaluate(() => window.__handled), undefined);
  // Plain markup still passes.
  assert.equal(await page.evaluate(() => {
    const holder = document.createElement('div');
    holder.innerHTML = '<p class="note">Saved.</p>';
    return holder.textContent;
  }), 'Saved.');
  // The page went on working after the refusal.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await heading(page, 'Services');
});
