// Types for hosts of m365-org-wizard: `embed.js` (mount, the two certificate
// helpers) and the <m365-org-wizard> element. Checked in `make test` by
// `tsc --strict --noEmit` over tests/types/console.ts, a typed copy of the
// demo console's use of both routes.

/** A Microsoft 365 region, as the VB365 API names it. */
export type Region = 'Worldwide' | 'Germany' | 'China' | 'USGovernment' | 'USDefence';

/** A service ticked at the start of an add. */
export type Service = 'exchange' | 'sharepoint' | 'teams';

/** An organization the wizard added or edited, as the server reports it. */
export interface OrganizationDetail {
  /** The backup server's id of the organization. */
  id: string;
  /** Its name, e.g. `contoso.onmicrosoft.com`. */
  name: string;
  /** The Microsoft Entra ID application it connects with, when the server reports one. */
  applicationId?: string;
  /** SHA-1 thumbprint of the certificate the server holds, when it holds one. */
  certificateThumbprint?: string;
}

interface CommonOptions {
  /** Where the VB365 REST API is (default: the page's origin). */
  apiBase?: string;
  /** `auto` (the default) asks the server. */
  apiVersion?: 'v6' | 'v7' | 'v8' | 'auto';
  /** How long to wait for the server, 5 to 3600 seconds (default 600). */
  timeoutSeconds?: number;
  /** The accessible name of the wizard, to tell several apart. */
  label?: string;
  /** The person cancelled and discarded the wizard. */
  onCancel?: () => void;
}

/** The console's session with the backup server: a token, or a function that gives one. */
type TokenOptions =
  | { accessToken?: string; getAccessToken?: never }
  | { accessToken?: never; getAccessToken?: () => Promise<string> };

/** Adding an organization (what mount opens on). */
export interface AddOptions extends CommonOptions {
  task?: 'add';
  organizationId?: never;
  /** Services ticked at the start. */
  services?: Service[];
  /** The region chosen at the start. */
  region?: Region;
  /** Called once the organization is added. */
  onComplete?: (organization: OrganizationDetail) => void;
}

/** Editing an organization: the one named, or one chosen from the server's list. */
export type EditOptions = CommonOptions &
  ({ organizationId: string; task?: 'edit' } | { organizationId?: never; task: 'edit' }) & {
    /** Called once the edit is saved and the server holds it. */
    onUpdated?: (organization: OrganizationDetail) => void;
    services?: never;
    region?: never;
  };

/**
 * "Check connections": every organization with how its connection to
 * Microsoft 365 stands, and the fix from its row (an edit, saved with
 * `onUpdated`).
 */
export interface CheckOptions extends CommonOptions {
  task: 'check';
  organizationId?: never;
  /** Called once a fix from a row is saved and the server holds it. */
  onUpdated?: (organization: OrganizationDetail) => void;
  services?: never;
  region?: never;
}

/** What `mount` takes. */
export type MountOptions = (AddOptions | EditOptions | CheckOptions) & TokenOptions;

/** A mounted wizard. */
export interface WizardHandle {
  /** Removes the wizard and drops everything it held, secrets included. */
  unmount(): void;
}

/** Mounts a wizard into `element`; throws on options it cannot use, naming them. */
export function mount(element: HTMLElement, options?: MountOptions): WizardHandle;

/** Resolves with the certificate inspector's JSON for certificate files and a password. */
export function inspectCertificate(files: Uint8Array[], password: string): Promise<string>;

/** Resolves with the JSON of a certificate generated in the browser: its card and its .pfx, protected by `password`. */
export function generateCertificate(
  subject: string,
  years: 1 | 2 | 3,
  bits: 2048 | 3072 | 4096,
  password: string,
): Promise<string>;

/** Bytes of WebAssembly memory in use. */
export function memoryBytes(): number;

/** The events <m365-org-wizard> raises. */
export interface M365OrgWizardEventMap extends HTMLElementEventMap {
  'organization-added': CustomEvent<OrganizationDetail>;
  'organization-updated': CustomEvent<OrganizationDetail>;
  cancel: Event;
}

/**
 * <m365-org-wizard api-base api-version services region label organization-id task>:
 * tokens are properties, never attributes.
 */
export interface M365OrgWizardElement extends HTMLElement {
  accessToken?: string;
  getAccessToken?: () => Promise<string>;
  addEventListener<K extends keyof M365OrgWizardEventMap>(
    type: K,
    listener: (this: M365OrgWizardElement, event: M365OrgWizardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'm365-org-wizard': M365OrgWizardElement;
  }
}
