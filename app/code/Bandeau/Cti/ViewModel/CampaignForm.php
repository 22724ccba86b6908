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

    /**
     * @param FormOptions $options
     * @param UrlInterface $url
     */
    public function __construct(private FormOptions $options, private UrlInterface $url)
    {
    }

    /**
     * The choices of the form (groups, stores, agents, time zones).
     *
     * @return FormOptions
     */
    public function getOptions(): FormOptions
    {
        return $this->options;
    }

    /**
     * Where the form is posted.
     *
     * @return string
     */
    public function getSaveUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/save');
    }

    /**
     * Where "Preview count" asks how many customers the filters select.
     *
     * @return string
     */
    public function getPreviewUrl(): string
    {
        return $this->url->getUrl('bandeau/campaign/preview');
    }

    /**
     * The time zone the calling hours start in: the server's, Europe/Paris when it is UTC.
     *
     * @return string
     */
    public function getDefaultTimezone(): string
    {
        return date_default_timezone_get() === 'UTC' ? 'Europe/Paris' : date_default_timezone_get();
    }
}
