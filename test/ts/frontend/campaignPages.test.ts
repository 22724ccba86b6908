import { readAdminReply } from '../../../frontend-ts/src/campaignPages/adminReply';
import { MAX_DELAY_MS, nextDelay, progressView } from '../../../frontend-ts/src/campaignPages/buildProgress';
import { phrase } from '../../../frontend-ts/src/campaignPages/phrase';
import { previewText } from '../../../frontend-ts/src/campaignPages/preview';

const previewTexts = { result: '%1 customers to call (%2 abandoned carts in the window).', error: 'The preview failed.' };
const progressTexts = { progress: '%1 of %2 carts scanned, %3 contacts.' };

describe('campaign pages (Bandeau_Cti/js/campaign-form, campaign-progress)', () => {
  it('fills translated phrases as Magento does', () => {
    expect(phrase('%1 sur %2 paniers, %3 contacts.', 3, 10, 2)).toBe('3 sur 10 paniers, 2 contacts.');
    expect(phrase('%2 then %1 and %1', 'a', 'b')).toBe('b then a and a');
    expect(phrase('%3 stays', 1)).toBe('%3 stays');
  });

  it('reads admin controller replies: data, JSON errors, expired sessions', () => {
    expect(readAdminReply(200, { customers: 3, carts: 5 })).toEqual({ kind: 'ok', data: { customers: 3, carts: 5 } });
    expect(readAdminReply(400, { error: { code: 'invalid', message: 'Minimum cart age is not a number.' } }))
      .toEqual({ kind: 'error', status: 400, message: 'Minimum cart age is not a number.' });
    expect(readAdminReply(200, { ajaxExpired: 1, ajaxRedirect: 'https://shop/admin/' })).toEqual({ kind: 'expired', redirect: 'https://shop/admin/' });
    expect(readAdminReply(200, { error: true, message: 'Invalid Form Key. Please refresh the page.' }))
      .toEqual({ kind: 'error', status: 200, message: 'Invalid Form Key. Please refresh the page.' });
    expect(readAdminReply(500, null)).toEqual({ kind: 'error', status: 500, message: null });
    expect(readAdminReply(200, null)).toEqual({ kind: 'error', status: 200, message: null });
  });

  it('shows the preview count, or the reason it failed', () => {
    expect(previewText(readAdminReply(200, { customers: 12, carts: 40 }), previewTexts)).toBe('12 customers to call (40 abandoned carts in the window).');
    expect(previewText(readAdminReply(400, { error: { code: 'invalid', message: 'Bad hours.' } }), previewTexts)).toBe('Bad hours.');
    expect(previewText(readAdminReply(502, 'gateway'), previewTexts)).toBe('The preview failed.');
    expect(previewText(readAdminReply(200, { customers: 'x' }), previewTexts)).toBe('The preview failed.');
  });

  it('turns Progress replies into the bar and its text', () => {
    const running = progressView(readAdminReply(200, { campaignId: 7, status: 'running', total: 40, processed: 10, contacts: 3, percent: 25 }), progressTexts);
    expect(running).toEqual({ percent: 25, text: '10 of 40 carts scanned, 3 contacts.', finished: false, gone: false, key: 'running/10/40/3' });
    expect(progressView(readAdminReply(200, { status: 'done', total: 40, processed: 40, contacts: 12, percent: 100 }), progressTexts)?.finished).toBe(true);
    expect(progressView(readAdminReply(200, { status: 'failed', total: 40, processed: 8, contacts: 0, percent: 20 }), progressTexts)?.finished).toBe(true);
    expect(progressView(readAdminReply(200, { status: 'queued', percent: 250 }), progressTexts)?.percent).toBe(100);
    expect(progressView(readAdminReply(404, { error: { code: 'not_found', message: 'Gone.' } }), progressTexts)?.gone).toBe(true);
    expect(progressView(readAdminReply(503, null), progressTexts)).toBeNull();
  });

  it('polls less often while nothing moves, at once again when it does', () => {
    let delay = 1000;
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) seen.push((delay = nextDelay(delay, 1000, false)));
    expect(seen.slice(0, 3)).toEqual([1500, 2250, 3375]);
    expect(Math.max(...seen)).toBe(MAX_DELAY_MS);
    expect(nextDelay(MAX_DELAY_MS, 1000, true)).toBe(1000);
  });
});
