<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Model\Campaign\FormOptions;
use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * Data of the "New campaign" form (templates/campaign/form.phtml).
 */
class CampaignForm implements ArgumentInterface
{
    public const WEEKDAYS = [1 => 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

    public function __construct(private FormOptions $options, private UrlInterface $url)
    {
    }

    public function getOptions(): FormOptions
    {
        return $this->options;
    }

    public function getSaveUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/save');
    }

    public function getPreviewUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/preview');
    }

    public function getDefaultTimezone(): string
    {
        return date_default_timezone_get() === 'UTC' ? 'Europe/Paris' : date_default_timezone_get();
    }
}
