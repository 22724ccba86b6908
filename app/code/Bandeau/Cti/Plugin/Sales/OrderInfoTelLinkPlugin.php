<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Sales;

use Bandeau\Cti\Model\Phone\TelLink;
use Magento\Sales\Block\Adminhtml\Order\View\Info;

/**
 * Click-to-call on the addresses of the admin order view (and of the invoice, shipment and credit
 * memo views, which reuse the same block).
 *
 * Magento renders those addresses with the "html" address template, whose telephone is already a
 * tel: link, but Sales' order/view/info.phtml then prints the address through escapeHtml() with
 * only b, br, em, i, li, ol, p, strong, sub, sup and ul allowed, so the link is reduced to its
 * text. A plugin on the address renderer cannot survive that escaping; this one links the
 * billing or shipping telephone inside each <address> of the block's final HTML.
 */
class OrderInfoTelLinkPlugin
{
    /**
     * @param TelLink $telLink
     */
    public function __construct(private TelLink $telLink)
    {
    }

    /**
     * Links the order's billing or shipping telephone found in each <address> element.
     *
     * @param Info $subject
     * @param string|mixed $result
     * @return string|mixed
     */
    public function afterToHtml(Info $subject, $result)
    {
        if (!is_string($result) || stripos($result, '<address') === false) {
            return $result;
        }
        try {
            $order = $subject->getOrder();
        } catch (\Throwable $e) {
            return $result;
        }
        $telephones = [];
        foreach ([$order->getBillingAddress(), $order->getShippingAddress()] as $address) {
            $telephone = $address ? trim((string)$address->getTelephone()) : '';
            if ($telephone !== '' && !in_array($telephone, $telephones, true)) {
                $telephones[] = $telephone;
            }
        }
        if ($telephones === []) {
            return $result;
        }
        $linked = preg_replace_callback(
            '#(<address\b[^>]*>)(.*?)(</address>)#si',
            function (array $m) use ($telephones): string {
                foreach ($telephones as $telephone) {
                    $body = $this->telLink->linkify($m[2], $telephone);
                    if ($body !== $m[2]) {
                        return $m[1] . $body . $m[3];
                    }
                }
                return $m[0];
            },
            $result
        );
        return $linked ?? $result;
    }
}
