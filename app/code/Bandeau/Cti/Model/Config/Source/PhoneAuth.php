<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Source;

use Bandeau\Cti\Model\DeskPhone\DeskPhoneConfig;
use Magento\Framework\Data\OptionSourceInterface;

/**
 * How desk phones prove who they are to the bridge.
 */
class PhoneAuth implements OptionSourceInterface
{
    /**
     * Token in the URL, or HTTP basic auth.
     *
     * @return array
     */
    public function toOptionArray()
    {
        return [
            ['value' => DeskPhoneConfig::AUTH_TOKEN, 'label' => __('Device token in each URL')],
            [
                'value' => DeskPhoneConfig::AUTH_BASIC,
                'label' => __('HTTP basic auth (user: extension, password: device token)'),
            ],
        ];
    }
}
