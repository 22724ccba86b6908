/**
 * RequireJS module `Bandeau_Cti/js/campaign-form` (templates/campaign/form.phtml, through
 * x-magento-init): "Preview Count" posts the form's cart filters to the Preview controller and
 * shows how many customers the campaign would call.
 */
import { adminJson } from './adminJson';
import { previewText, type PreviewTexts } from './preview';

export interface CampaignFormConfig {
  previewUrl: string;
  texts: PreviewTexts;
}

export default function campaignForm(config: CampaignFormConfig, element: HTMLElement): void {
  const form = element instanceof HTMLFormElement ? element : element.querySelector('form');
  const button = element.querySelector<HTMLButtonElement>('[data-role="bandeau-campaign-preview"]');
  const output = element.querySelector<HTMLElement>('[data-role="bandeau-campaign-preview-result"]');
  if (!form || !button || !output) return;
  let latest = 0;
  button.addEventListener('click', async () => {
    const request = ++latest;
    button.disabled = true;
    output.textContent = '';
    output.removeAttribute('data-state');
    // Every field of the form (form_key included): the controller reads the filters it knows.
    const body = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (typeof value === 'string') body.append(key, value);
    });
    const reply = await adminJson(config.previewUrl, body);
    if (request !== latest) return; // a newer click is on its way
    button.disabled = false;
    if (reply.kind === 'expired') {
      window.location.assign(reply.redirect);
      return;
    }
    output.textContent = previewText(reply, config.texts);
    output.setAttribute('data-state', reply.kind === 'ok' ? 'done' : 'error');
  });
}
