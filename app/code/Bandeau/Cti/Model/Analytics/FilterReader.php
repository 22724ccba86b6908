<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Analytics;

use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Framework\App\RequestInterface;

/**
 * The dashboard filter of a request (page and CSV export read it the same way): "today" is the
 * reporting zone's.
 */
class FilterReader
{
    /**
     * @param ClockInterface $clock
     * @param ReportingZone $reportingZone
     */
    public function __construct(private ClockInterface $clock, private ReportingZone $reportingZone)
    {
    }

    /**
     * The filter the request's parameters ask for (defaults and corrections as StatsFilter::fromRequest()).
     *
     * @param RequestInterface $request
     * @return StatsFilter
     */
    public function read(RequestInterface $request): StatsFilter
    {
        return StatsFilter::fromRequest(
            (array)$request->getParams(),
            $this->clock,
            $this->reportingZone->zone()->getName()
        );
    }
}
