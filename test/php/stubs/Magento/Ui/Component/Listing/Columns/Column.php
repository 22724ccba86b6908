<?php

declare(strict_types=1);

namespace Magento\Ui\Component\Listing\Columns;

use Magento\Framework\DataObject;
use Magento\Framework\View\Element\UiComponent\ContextInterface;
use Magento\Framework\View\Element\UiComponentFactory;

/**
 * Stand-in for the UI listing column: constructor and data, prepareDataSource() as identity.
 */
class Column extends DataObject
{
    public function __construct(
        protected ContextInterface $context,
        protected UiComponentFactory $uiComponentFactory,
        array $components = [],
        array $data = []
    ) {
        parent::__construct($data);
    }

    public function prepareDataSource(array $dataSource)
    {
        return $dataSource;
    }
}
