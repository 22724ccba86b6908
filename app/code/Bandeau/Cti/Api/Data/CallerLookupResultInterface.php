<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * @api
 */
interface CallerLookupResultInterface
{
    /**
     * The number in E.164, or as sent when it could not be read.
     *
     * @return string
     */
    public function getPhone(): string;

    /**
     * The customers and orders found, customers first.
     *
     * @return \Bandeau\Cti\Api\Data\CallerMatchInterface[]
     */
    public function getMatches(): array;
}
