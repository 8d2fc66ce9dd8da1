// A typed copy of the demo console's use of both routes (demo/console.js):
// `tsc --strict --noEmit` (make test) checks that embed.d.ts describes what
// a TypeScript console writes, and each @ts-expect-error that it refuses
// what the wizard would refuse.
import {
  mount,
  inspectCertificate,
  generateCertificate,
  type MountOptions,
  type OrganizationDetail,
  type WizardHandle,
} from '../../src/embed.js';

const status = document.getElementById('console-status');
const say = (text: string): void => {
  if (status) status.textContent = text;
};

async function consoleToken(): Promise<string> {
  const r = await fetch('/v8/token', { method: 'POST', body: 'grant_type=password' });
  return ((await r.json()) as { access_token: string }).access_token;
}

// The element: typed through HTMLElementTagNameMap, its events' details too.
const element = document.querySelector('m365-org-wizard');
if (element) {
  element.getAccessToken = consoleToken;
  element.addEventListener('organization-added', (e) => say(`Added ${e.detail.name} (${e.detail.id}).`));
  element.addEventListener('organization-updated', (e) => {
    const thumbprint: string | undefined = e.detail.certificateThumbprint;
    say(`Updated ${e.detail.name}: ${thumbprint ?? 'no certificate'}.`);
  });
  element.addEventListener('cancel', () => element.remove());
  element.setAttribute('organization-id', '5e0c0c67-8a51-4d0e-9c37-0d2b7e1f4a11');
}

const handles: WizardHandle[] = [];
const slot = document.getElementById('mount-slot');
if (slot) {
  // Adding, with a token and presets.
  handles.push(
    mount(slot, {
      apiBase: '',
      apiVersion: 'v7',
      accessToken: await consoleToken(),
      services: ['exchange'],
      region: 'Germany',
      label: 'New organization (mount)',
      onComplete: (org: OrganizationDetail) => say(`Added ${org.name} (${org.id}).`),
      onCancel: () => handles.pop()?.unmount(),
    }),
  );
  // Editing the organization a console row names.
  const edit: MountOptions = {
    apiBase: '',
    getAccessToken: consoleToken,
    organizationId: '5e0c0c67-8a51-4d0e-9c37-0d2b7e1f4a11',
    onUpdated: (org) => say(`Updated ${org.name}: certificate ${org.certificateThumbprint ?? ''}.`),
  };
  handles.push(mount(slot, edit));
  // Editing one chosen from the server's list.
  handles.push(mount(slot, { task: 'edit', timeoutSeconds: 120 }));
  handles.push(mount(slot, { task: 'check', onUpdated: (o) => console.log(o.certificateThumbprint) }));
  // @ts-expect-error: Check connections lists every organization; it names none.
  mount(slot, { task: 'check', organizationId: 'x' });

  // @ts-expect-error: a token or a token function, not both.
  mount(slot, { accessToken: 'x', getAccessToken: consoleToken });
  // @ts-expect-error: no such region.
  mount(slot, { region: 'Europe' });
  // @ts-expect-error: presets are for adding; an edit starts from the organization.
  mount(slot, { organizationId: 'x', services: ['exchange'] });
  // @ts-expect-error: an edit names its organization or asks to choose one.
  mount(slot, { onUpdated: () => undefined, task: 'add', organizationId: 'x' });
  // @ts-expect-error: the handle unmounts; it does not mount again.
  handles[0].mount();
}

// The certificate helpers.
const inspected: string = await inspectCertificate([new Uint8Array([48, 130])], 'password');
const generated: string = await generateCertificate('CN=Contoso backup', 2, 2048, 'password');
// @ts-expect-error: key sizes the generator makes are 2048, 3072 and 4096.
await generateCertificate('CN=x', 2, 1024, 'password');
say(`${inspected.length + generated.length}`);
