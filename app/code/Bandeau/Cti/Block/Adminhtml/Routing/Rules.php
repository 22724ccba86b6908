<?php

declare(strict_types=1);

namespace Bandeau\Cti\Block\Adminhtml\Routing;

use Bandeau\Cti\Model\Config\Backend\RoutingRules;
use Bandeau\Cti\Model\Config\Source\RoutingColumnOptions;
use Bandeau\Cti\Model\Config\Source\StoreViews;
use Magento\Backend\Block\Template\Context;
use Magento\Config\Block\System\Config\Form\Field\FieldArray\AbstractFieldArray;
use Magento\Customer\Model\Customer\Attribute\Source\GroupSourceLoggedInOnlyInterface;
use Magento\Framework\DataObject;
use Magento\Framework\View\Helper\SecureHtmlRenderer;

/**
 * The routing rules table of Stores > Configuration > Bandeau > Call routing: one row per rule,
 * tried from top to bottom (first match wins). Stored by Model/Config/Backend/RoutingRules.
 */
class Rules extends AbstractFieldArray
{
    /** Columns shown as a multiselect; stored as comma-separated ids. */
    private const MULTI = ['customer_groups', 'store_ids'];

    /**
     * @param Context $context
     * @param RoutingColumnOptions $options
     * @param GroupSourceLoggedInOnlyInterface $groups
     * @param StoreViews $stores
     * @param array $data
     * @param SecureHtmlRenderer|null $secureRenderer
     */
    public function __construct(
        Context $context,
        private RoutingColumnOptions $options,
        private GroupSourceLoggedInOnlyInterface $groups,
        private StoreViews $stores,
        array $data = [],
        ?SecureHtmlRenderer $secureRenderer = null
    ) {
        parent::__construct($context, $data, $secureRenderer);
    }

    /**
     * The table's columns, in RoutingRules::COLUMNS order.
     *
     * @return void
     */
    protected function _prepareToRender() // phpcs:ignore PSR2.Methods.MethodDeclaration.Underscore
    {
        $this->addColumn('code', ['label' => __('Code'), 'size' => 10, 'class' => 'input-text required-entry']);
        $this->addColumn('label', ['label' => __('Label'), 'size' => 16]);
        $this->addColumn('active', ['label' => __('Active'), 'renderer' => $this->select($this->options->active())]);
        $this->addColumn('customer_groups', [
            'label' => __('Customer Groups'),
            'renderer' => $this->select($this->groups->toOptionArray(), true),
        ]);
        $this->addColumn('vip', ['label' => __('VIP'), 'renderer' => $this->select($this->options->vip())]);
        $this->addColumn('min_lifetime_sales', ['label' => __('Min. Lifetime Sales'), 'size' => 6]);
        $this->addColumn('order', ['label' => __('Open Order'), 'renderer' => $this->select($this->options->order())]);
        $this->addColumn('order_statuses', ['label' => __('Order Statuses'), 'size' => 10]);
        $this->addColumn('shipped_within_days', ['label' => __('Shipped Within (days)'), 'size' => 4]);
        $this->addColumn('open_cart', [
            'label' => __('Open Cart'),
            'renderer' => $this->select($this->options->openCart()),
        ]);
        $this->addColumn('store_ids', [
            'label' => __('Store Views'),
            'renderer' => $this->select($this->stores->toOptionArray(), true),
        ]);
        $this->addColumn('unknown_number', [
            'label' => __('Number'),
            'renderer' => $this->select($this->options->unknownNumber()),
        ]);
        $this->addColumn('route', ['label' => __('Route'), 'size' => 8, 'class' => 'input-text required-entry']);
        $this->addColumn('priority', [
            'label' => __('Priority'),
            'size' => 3,
            'class' => 'input-text required-entry validate-digits validate-digits-range digits-range-0-100',
        ]);
        $this->addColumn('message', ['label' => __('Message'), 'size' => 18]);
        $this->_addAfter = false;
        $this->_addButtonLabel = __('Add Rule');
    }

    /**
     * Every column has a value (the row template reads each one), and multiselects get their ids as a list.
     *
     * @param DataObject $row
     * @return void
     */
    protected function _prepareArrayRow(DataObject $row) // phpcs:ignore PSR2.Methods.MethodDeclaration.Underscore
    {
        $values = (array)$row->getData('column_values');
        $rowId = (string)$row->getData('_id');
        foreach (RoutingRules::COLUMNS as $column) {
            $value = $row->getData($column);
            $value = is_scalar($value) ? (string)$value : (is_array($value) ? implode(',', $value) : '');
            $row->setData($column, $value);
            $values[$this->_getCellInputElementId($rowId, $column)] = in_array($column, self::MULTI, true)
                ? array_values(array_filter(explode(',', $value), static fn (string $id): bool => $id !== ''))
                : $value;
        }
        $row->setData('column_values', $values);
    }

    /**
     * A select cell renderer with these options.
     *
     * @param array $options
     * @param bool $multiple
     * @return OptionsColumn
     */
    private function select(array $options, bool $multiple = false): OptionsColumn
    {
        /** @var OptionsColumn $renderer */
        $renderer = $this->getLayout()->createBlock(
            OptionsColumn::class,
            '',
            ['data' => ['source_options' => $options, 'multiple' => $multiple]]
        );
        return $renderer;
    }
}
