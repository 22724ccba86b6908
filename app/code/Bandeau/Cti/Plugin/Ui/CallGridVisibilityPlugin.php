<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Ui;

use Bandeau\Cti\Model\Access\CallVisibility;
use Magento\Framework\Api\FilterBuilder;
use Magento\Framework\View\Element\UiComponent\DataProvider\DataProvider;

/**
 * The Calls grid (and its CSV/XML export, which reads the same data provider) lists only the
 * agent's own calls unless the admin user sees all calls (CallVisibility).
 */
class CallGridVisibilityPlugin
{
    public const DATA_SOURCE = 'bandeau_call_listing_data_source';

    /**
     * @param CallVisibility $visibility
     * @param FilterBuilder $filterBuilder
     */
    public function __construct(private CallVisibility $visibility, private FilterBuilder $filterBuilder)
    {
    }

    /**
     * Adds "agent_user_id = the admin user" to the calls grid's search when it may not see all calls.
     *
     * @param DataProvider $subject
     * @return null
     */
    public function beforeGetSearchResult(DataProvider $subject)
    {
        if ($subject->getName() !== self::DATA_SOURCE) {
            return null;
        }
        $restriction = $this->visibility->restriction();
        if ($restriction !== null) {
            // A grid filter cannot say "user id, or extension without user id": records carry the
            // user id of the agent the bridge knows, so the grid goes by it.
            $subject->addFilter(
                $this->filterBuilder->setField('agent_user_id')
                    ->setConditionType('eq')
                    ->setValue((string)$restriction['user_id'])
                    ->create()
            );
        }
        return null;
    }
}
