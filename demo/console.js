// The fake console: its own session with the backup server, two embedded
// wizards (the custom element and mount()), and what it does with their events.
const status = document.getElementById('console-status');
const say = (text) => { status.textContent = text; };

// The console's own session. A real console holds this already.
async function consoleToken() {
  const r = await fetch('/v8/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin&password=admin&disable_antiforgery_token=true',
  });
  if (!r.ok) throw new Error(`console sign-in failed (${r.status})`);
  return (await r.json()).access_token;
}

/** @type {any} The element's token function is a property, not an attribute. */
const element = document.querySelector('m365-org-wizard');
element.getAccessToken = consoleToken;
element.addEventListener('organization-added', (/** @type {CustomEvent} */ e) => say(`Added ${e.detail.name} (${e.detail.id}) through the element.`));
element.addEventListener('cancel', () => {
  say('The element wizard was cancelled and removed.');
  element.remove();
});

// Importing embed.js loads the wasm and registers <m365-org-wizard>.
const { mount } = await import(new URL('../embed.js', import.meta.url).href);
window.consoleHandles = [];
window.consoleHandles.push(mount(document.getElementById('mount-slot'), {
  apiBase: '',
  apiVersion: 'v7',
  accessToken: await consoleToken(),
  services: ['exchange'],
  region: 'Germany',
  label: 'New organization (mount)',
  onComplete: (org) => say(`Added ${org.name} (${org.id}) through mount().`),
  onCancel: () => {
    say('The mount() wizard was cancelled and unmounted.');
    window.consoleHandles.pop().unmount();
  },
}));

// A console's organization page links to "Edit" with the organization's id
// (here ?edit=<id>): mount() opens the edit wizard on it.
const editing = new URLSearchParams(location.search).get('edit');
if (editing) {
  document.getElementById('edit-section').hidden = false;
  window.consoleHandles.push(mount(document.getElementById('edit-slot'), {
    apiBase: '',
    accessToken: await consoleToken(),
    organizationId: editing,
    label: 'Edit organization (mount)',
    onUpdated: (org) => say(`Updated ${org.name} (${org.id}): certificate ${org.certificateThumbprint}.`),
    onCancel: () => window.consoleHandles.pop().unmount(),
  }));
}

// A module (the page loads it as one): its names stay its own.
export {};
