<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Address;

use Bandeau\Cti\Model\Phone\TelLink;
use Magento\Customer\Block\Address\Renderer\RendererInterface;

/**
 * Admin "html" address rendering (customer view tab's default billing address): makes the
 * telephone a tel: link when the configured address template does not already do it (Magento
 * 2.4's stock template does; merchants' own templates often don't). The order view strips links
 * from its addresses afterwards: Plugin\Sales\OrderInfoTelLinkPlugin links them there.
 */
class TelLinkAddressPlugin
{
    public const FORMAT_HTML = 'html';

    /**
     * @param TelLink $telLink
     */
    public function __construct(private TelLink $telLink)
    {
    }

    /**
     * Makes the telephone of an address rendered in the "html" format a tel: link.
     *
     * @param RendererInterface $subject
     * @param string|mixed $result
     * @param array|mixed $addressAttributes
     * @param mixed $format
     * @return string|mixed
     */
    public function afterRenderArray(RendererInterface $subject, $result, $addressAttributes, $format = null)
    {
        $type = $subject->getType();
        $code = is_object($type) && method_exists($type, 'getData') ? $type->getData('code') : null;
        if (!is_string($result) || $code !== self::FORMAT_HTML || !is_array($addressAttributes)) {
            return $result;
        }
        $telephone = $addressAttributes['telephone'] ?? null;
        return is_scalar($telephone) ? $this->telLink->linkify($result, (string)$telephone) : $result;
    }
}
