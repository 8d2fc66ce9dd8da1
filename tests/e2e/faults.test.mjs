// How the wizard meets a failing server: each fault shows a clear message,
// keeps every answer, succeeds on retry, and the server ends with exactly one
// organization.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, organizations, walkToReview, heading, signIn, arm, exact,
  appOnly, recordPosts, BASE,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// App-only, the method every version takes for new organizations.
const creds = (user) => appOnly(user);

async function toFinish(domain, path = '/', allow = []) {
  const session = await openPage(browser, path, undefined, { allow });
  await walkToReview(session.page, { primary: creds(`ops@${domain}`) });
  await session.page.getByRole('button', { name: 'Add organization', exact: true }).click();
  await heading(session.page, 'Finish');
  return session;
}

async function countOf(domain) {
  return (await organizations('v8')).filter((o) => o.name === domain).length;
}

async function added(page) {
  await page.getByRole('heading', { name: 'Organization added' }).waitFor();
}

for (const status of [500, 503]) {
  test(`HTTP ${status}: explained, answers kept, Try again adds it once`, async () => {
    const domain = `status${status}.com`;
    const { page, problems } = await toFinish(domain, '/', [new RegExp(`status of ${status} `)]);
    await arm('add', { kind: 'status', status });
    await signIn(page);
    await page.getByText(`The backup server failed (HTTP ${status})`).waitFor();
    assert.equal(await countOf(domain), 0);
    // Back to the review: every answer is still there.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await heading(page, 'Review');
    assert.match(await page.locator('.m365w-review').innerText(), new RegExp(`ops@${domain.replace('.', '\\.')}`));
    await page.getByRole('button', { name: 'Add organization', exact: true }).click();
    // Still signed in: it sends at once.
    await added(page);
    assert.equal(await countOf(domain), 1);
    assert.deepEqual(problems.filter((p) => !p.includes(`status of ${status}`)), []);
  });
}

for (const kind of ['drop_after_commit', 'malformed_after_commit']) {
  test(`${kind}: the organization is looked up, not sent twice`, async () => {
    const domain = `${kind.replace(/_/g, '-')}.com`;
    // The browser reports the cut answer; that is the fault, not a problem.
    const { page } = await toFinish(domain, '/', [/ERR_INCOMPLETE_CHUNKED_ENCODING/]);
    await arm('add', { kind });
    await signIn(page);
    await added(page);
    await page.getByText('the wizard looked the organization up').waitFor();
    assert.equal(await countOf(domain), 1);
  });
}

test('an expired token is renewed once with the refresh token', async () => {
  const domain = 'expired-token.com';
  const { page } = await toFinish(domain);
  const tokenCalls = recordPosts(page, /\/token$/);
  await arm('add', { kind: 'expired_token' });
  await signIn(page);
  await added(page);
  assert.equal(tokenCalls.length, 2);
  assert.match(tokenCalls[1], /grant_type=refresh_token/);
  assert.equal(await countOf(domain), 1);
});

test('a timeout shows the elapsed time, then finds the organization the server added', async () => {
  const domain = 'timeout.com';
  const { page } = await toFinish(domain, '/?timeoutSeconds=2');
  await arm('add', { kind: 'slow_after_commit', ms: 4000 });
  await signIn(page);
  await page.getByText(/Waiting for 0:0[12]/).waitFor();
  await added(page);
  await page.getByText('the wizard looked the organization up').waitFor();
  assert.equal(await countOf(domain), 1);
});

test('latency and a trickled answer only take longer', async () => {
  for (const [domain, fault] of [['latency.com', { kind: 'latency', ms: 1500 }], ['trickle.com', { kind: 'trickle', ms: 40 }]]) {
    const { page, context, problems } = await toFinish(domain);
    await arm('add', fault);
    await signIn(page);
    await added(page);
    assert.equal(await countOf(domain), 1);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('Stop waiting: nothing was added, so sending again adds it once', async () => {
  const domain = 'stopped.com';
  const { page } = await toFinish(domain);
  await arm('add', { kind: 'latency', ms: 3000 });
  await signIn(page);
  await page.getByRole('button', { name: 'Stop waiting', exact: true }).click();
  await page.getByText('You stopped waiting for the backup server.').waitFor();
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await added(page);
  // The server still holds the abandoned request: wait until it is done.
  assert.equal((await fetch(`${BASE}/_sim/idle`)).status, 204);
  assert.equal(await countOf(domain), 1);
});

test('a token refused again after its renewal asks to sign in again, keeping everything', async () => {
  const domain = 'signin-again.com';
  const { page } = await toFinish(domain);
  const tokenCalls = recordPosts(page, /\/token$/);
  await arm('add', { kind: 'expired_token' });
  await arm('add', { kind: 'expired_token' });
  await signIn(page);
  await page.getByText('no longer accepts this session').waitFor();
  await signIn(page);
  await added(page);
  assert.deepEqual(tokenCalls.map((b) => b.match(/grant_type=(\w+)/)[1]), ['password', 'refresh_token', 'password']);
  assert.equal(await countOf(domain), 1);
});
