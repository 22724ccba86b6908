<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

use Magento\Framework\Api\SearchResultsInterface;

/**
 * @api
 */
interface CallSearchResultsInterface extends SearchResultsInterface
{
    /**
     * The calls of the requested page.
     *
     * @return \Bandeau\Cti\Api\Data\CallInterface[]
     */
    public function getItems();

    /**
     * Sets the calls of the requested page.
     *
     * @param \Bandeau\Cti\Api\Data\CallInterface[] $items
     * @return $this
     */
    public function setItems(array $items);
}
