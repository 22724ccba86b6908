<?php

declare(strict_types=1);

namespace Bandeau\Cti\Block\Adminhtml\Campaign;

use Bandeau\Cti\Model\Campaign\OptOut;
use Bandeau\Cti\Model\Permissions;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\AuthorizationInterface;
use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\UiComponent\Control\ButtonProviderInterface;

/**
 * "No campaign calls" / "Allow campaign calls" button of the customer edit page
 * (view/adminhtml/ui_component/customer_form.xml). POSTs to bandeau/campaign/optOut after a
 * confirmation, with the form key (Magento's deleteConfirm() with post data).
 */
class OptOutButton implements ButtonProviderInterface
{
    /**
     * @param RequestInterface $request
     * @param UrlInterface $url
     * @param AuthorizationInterface $authorization
     * @param OptOut $optOut
     */
    public function __construct(
        private RequestInterface $request,
        private UrlInterface $url,
        private AuthorizationInterface $authorization,
        private OptOut $optOut
    ) {
    }

    /**
     * The "No campaign calls" / "Allow campaign calls" button of the customer page, or none.
     *
     * @return array
     */
    public function getButtonData()
    {
        $customerId = (int)$this->request->getParam('id');
        if ($customerId <= 0 || !$this->authorization->isAllowed(Permissions::RESOURCE_PHONE_BAR)) {
            return [];
        }
        $optedOut = $this->optOut->isOptedOut($customerId);
        $confirm = $optedOut
            ? __('Allow call campaigns to call this customer again?')
            : __('This customer asked not to be called: remove them from every call campaign?');
        $post = ['data' => ['customer_id' => $customerId, 'optout' => $optedOut ? 0 : 1]];
        $flags = JSON_HEX_TAG | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE;
        return [
            'label' => $optedOut ? __('Allow Campaign Calls') : __('No Campaign Calls'),
            'class' => 'bandeau-call-optout',
            'on_click' => sprintf(
                'deleteConfirm(%s, %s, %s)',
                json_encode((string)$confirm, $flags),
                json_encode($this->url->getUrl('bandeau/campaign/optOut'), $flags),
                json_encode($post, $flags)
            ),
            'sort_order' => 85,
        ];
    }
}
