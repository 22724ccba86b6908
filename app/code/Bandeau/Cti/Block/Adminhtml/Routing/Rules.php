<?php

declare(strict_types=1);

namespace Bandeau\Cti\Block\Adminhtml\Routing;

use Bandeau\Cti\Model\Config\Backend\RoutingRules;
use Bandeau\Cti\Model\Config\Source\RoutingColumnOptions;
use Bandeau\Cti\Model\Config\Source\StoreViews;
use Magento\Backend\Block\Template\Context;
use Magento\Config\Block\System\Config\Form\Field;
use Magento\Customer\Model\Customer\Attribute\Source\GroupSourceLoggedInOnlyInterface;
use Magento\Framework\Data\Form\Element\AbstractElement;
use Magento\Framework\View\Helper\SecureHtmlRenderer;

/**
 * The routing rules editor of Stores > Configuration > Bandeau > Call routing: one card per rule,
 * stacked in evaluation order (first match wins), with add, delete, move up and move down. The
 * RequireJS module Bandeau_Cti/js/routing-rules (x-magento-init) builds the cards from
 * getEditorConfig(); they post what Magento's dynamic rows posted
 * (groups[rules][fields][list][value][<row id>][<column>], multiselects as arrays), which
 * Model/Config/Backend/RoutingRules checks and stores, so the stored format is unchanged.
 */
class Rules extends Field
{
    public const TEMPLATE = 'Bandeau_Cti::routing/rules.phtml';

    /** Columns shown as a multiselect; stored as comma-separated ids. */
    private const MULTI = ['customer_groups', 'store_ids'];

    /** Row ids as Magento's dynamic rows make them ("_1733000000000_123") or shipped ones ("vip"). */
    private const ROW_ID = '/^[A-Za-z0-9_-]{1,64}$/';

    /**
     * @var AbstractElement|null
     */
    private ?AbstractElement $element = null;

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
        $this->setTemplate(self::TEMPLATE);
    }

    /**
     * The editor on a row of its own, across the whole form (no label column, as Magento's
     * headings): fifteen fields per rule do not fit in the value column.
     *
     * @param AbstractElement $element
     * @return string
     */
    public function render(AbstractElement $element)
    {
        $element->unsScope()->unsCanUseWebsiteValue()->unsCanUseDefaultValue();
        $this->element = $element;
        return $this->_toHtml();
    }

    /**
     * The field being rendered.
     *
     * @return AbstractElement|null
     */
    public function getElement(): ?AbstractElement
    {
        return $this->element;
    }

    /**
     * What the RequireJS module needs: the input names' prefix, the rows in order, the choices, the texts.
     *
     * @return array
     */
    public function getEditorConfig(): array
    {
        $element = $this->element;
        return [
            'name' => (string)$element?->getName(),
            'idPrefix' => (string)$element?->getHtmlId(),
            'rows' => $this->rows($element?->getValue()),
            'options' => [
                'active' => $this->options->active(),
                'vip' => $this->options->vip(),
                'order' => $this->options->order(),
                'open_cart' => $this->options->openCart(),
                'unknown_number' => $this->options->unknownNumber(),
                'customer_groups' => $this->groups->toOptionArray(),
                'store_ids' => $this->stores->toOptionArray(),
            ],
            'texts' => $this->texts(),
        ];
    }

    /**
     * The stored rows, in order, every column a string (multiselects as lists of ids).
     *
     * @param mixed $value what ArraySerialized read: row id => row, or anything else when unset
     * @return array<int, array{id: string, values: array<string, string|string[]>}>
     */
    private function rows($value): array
    {
        if (!is_array($value)) {
            return [];
        }
        $rows = [];
        $n = 0;
        foreach ($value as $rowId => $row) {
            if (!is_array($row) || $rowId === '__empty') {
                continue;
            }
            $rowId = (string)$rowId;
            $values = [];
            foreach (RoutingRules::COLUMNS as $column) {
                $cell = $row[$column] ?? '';
                $cell = is_scalar($cell) ? (string)$cell : (is_array($cell) ? implode(',', $cell) : '');
                $values[$column] = in_array($column, self::MULTI, true)
                    ? array_values(array_filter(explode(',', $cell), static fn (string $id): bool => $id !== ''))
                    : $cell;
            }
            $rows[] = [
                'id' => preg_match(self::ROW_ID, $rowId) ? $rowId : '_stored_' . (++$n),
                'values' => $values,
            ];
        }
        return $rows;
    }

    /**
     * Translated labels and sentences of the editor.
     *
     * @return array<string, string>
     */
    private function texts(): array
    {
        $texts = [
            'rule' => __('Rule %1'),
            'newRule' => __('New rule'),
            'conditions' => __('Conditions'),
            'conditionsNote' => __('All conditions must hold; one left at Any or empty always holds.'),
            'addRule' => __('Add Rule'),
            'delete' => __('Delete'),
            'moveUp' => __('Move Up'),
            'moveDown' => __('Move Down'),
            'noRules' => __('No rule: every call goes to the default route. Add a rule to route calls.'),
            'moved' => __('Rule moved to position %1.'),
            'deleted' => __('Rule deleted.'),
            'added' => __('Rule added at position %1.'),
            'code' => __('Code'),
            'label' => __('Label'),
            'active' => __('Active'),
            'route' => __('Route'),
            'priority' => __('Priority'),
            'message' => __('Message'),
            'customer_groups' => __('Customer Groups'),
            'vip' => __('VIP'),
            'min_lifetime_sales' => __('Min. Lifetime Sales'),
            'order' => __('Open Order'),
            'order_statuses' => __('Order Statuses'),
            'shipped_within_days' => __('Shipped Within (days)'),
            'open_cart' => __('Open Cart'),
            'store_ids' => __('Store Views'),
            'unknown_number' => __('Known or Unknown Number'),
            'hintCode' => __('a-z, 0-9, _ or -'),
            'hintRoute' => __('The queue the dialplan maps it to'),
            'hintPriority' => __('0 to 100'),
            'hintMessage' => __('Sound file, e.g. bandeau/order-on-its-way'),
            'hintMulti' => __('None selected: any. Ctrl or Cmd + click to choose several.'),
            'hintStatuses' => __('Status codes separated by commas, e.g. pending,fraud'),
        ];
        return array_map('strval', $texts);
    }
}
