// Switches the preview's session between the org's users (a rep, their manager, a compliance
// officer, the admin): the preview server keeps the choice in a cookie and signs API calls as them.
import { LightningElement } from 'lwc';

interface PreviewUser {
  id: string;
  name: string;
  title: string | null;
}

interface PreviewGlobals {
  userId?: string;
  users?: PreviewUser[];
}

const globals = (): PreviewGlobals => (globalThis as { CME_PREVIEW?: PreviewGlobals }).CME_PREVIEW ?? {};

export default class UserPicker extends LightningElement {
  get userId(): string | undefined {
    return globals().userId;
  }

  get options() {
    return (globals().users ?? []).map((u) => ({ label: u.title ? `${u.name} (${u.title})` : u.name, value: u.id }));
  }

  async switchUser(event: CustomEvent<{ value: string }>): Promise<void> {
    await fetch('/preview/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: event.detail.value }),
    });
    window.location.reload();
  }
}
