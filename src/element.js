// The <m365-org-wizard> custom element. Rust passes its `mount` in, so this
// module imports nothing and wasm-bindgen ships it as a file (no inline script).
export function defineWizardElement(mount) {
  if (customElements.get('m365-org-wizard')) return;

  class M365OrgWizard extends HTMLElement {
    connectedCallback() {
      if (this._handle) return;
      const options = {
        apiBase: this.getAttribute('api-base') ?? '',
        apiVersion: this.getAttribute('api-version') ?? 'auto',
        onComplete: (organization) => this.dispatchEvent(new CustomEvent('organization-added', {
          detail: { id: organization.id, name: organization.name, applicationId: organization.applicationId }, bubbles: true, composed: true,
        })),
        onUpdated: (organization) => this.dispatchEvent(new CustomEvent('organization-updated', {
          detail: {
            id: organization.id, name: organization.name, applicationId: organization.applicationId,
            certificateThumbprint: organization.certificateThumbprint,
          },
          bubbles: true, composed: true,
        })),
        onCancel: () => this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true })),
      };
      const organizationId = this.getAttribute('organization-id');
      if (organizationId) options.organizationId = organizationId;
      else if (this.getAttribute('task') === 'edit') options.task = 'edit';
      else if (this.getAttribute('task') === 'check') options.task = 'check';
      // Tokens are properties, never attributes: attributes are visible in the DOM.
      const host = /** @type {any} */ (this);
      if (typeof host.getAccessToken === 'function') options.getAccessToken = host.getAccessToken;
      else if (typeof host.accessToken === 'string') options.accessToken = host.accessToken;
      const label = this.getAttribute('label');
      if (label) options.label = label;
      const region = this.getAttribute('region');
      if (region) options.region = region;
      const services = this.getAttribute('services');
      if (services) options.services = services.split(/[\s,]+/).filter(Boolean);
      this._handle = mount(this, options);
    }

    disconnectedCallback() {
      this._handle?.unmount();
      this._handle = undefined;
    }
  }

  customElements.define('m365-org-wizard', M365OrgWizard);
}
