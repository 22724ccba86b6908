<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Api\Data\CallSearchResultsInterface;
use Magento\Framework\Api\SearchCriteriaInterface;

/**
 * Reads and writes the call log.
 *
 * @api
 */
interface CallRepositoryInterface
{
    /**
     * Creates or updates the call with this call id (fields left null keep their stored value).
     *
     * @param \Bandeau\Cti\Api\Data\CallInterface $call
     * @return \Bandeau\Cti\Api\Data\CallInterface
     * @throws \Magento\Framework\Exception\InputException
     */
    public function save(CallInterface $call): CallInterface;

    /**
     * The call with this bridge call id.
     *
     * @param string $callId
     * @return \Bandeau\Cti\Api\Data\CallInterface
     * @throws \Magento\Framework\Exception\NoSuchEntityException
     */
    public function getByCallId(string $callId): CallInterface;

    /**
     * Calls matching the search criteria (call fields only), newest first by default.
     *
     * @param \Magento\Framework\Api\SearchCriteriaInterface $searchCriteria
     * @return \Bandeau\Cti\Api\Data\CallSearchResultsInterface
     * @throws \Magento\Framework\Exception\InputException
     */
    public function getList(SearchCriteriaInterface $searchCriteria): CallSearchResultsInterface;
}
