<?php

declare(strict_types=1);

namespace Bandeau\Cti\Block\Adminhtml\Routing;

use Bandeau\Cti\Model\Config\Source\StoreViews;
use Magento\Backend\Block\Template\Context;
use Magento\Config\Block\System\Config\Form\Field;
use Magento\Customer\Model\Customer\Attribute\Source\GroupSourceLoggedInOnlyInterface;
use Magento\Framework\Data\Form\Element\AbstractElement;
use Magento\Framework\View\Helper\SecureHtmlRenderer;

/**
 * The "Test a number" box of the call routing section: a number, a button, and what the
 * Routing/Test controller answers (the rule that matches and why), shown by the RequireJS module
 * Bandeau_Cti/js/routing-test (x-magento-init). It stores nothing: its input has no name in the config form.
 */
class TestBox extends Field
{
    public const TEMPLATE = 'Bandeau_Cti::routing/test-box.phtml';

    /**
     * @param Context $context
     * @param GroupSourceLoggedInOnlyInterface $groups
     * @param StoreViews $stores
     * @param array $data
     * @param SecureHtmlRenderer|null $secureRenderer
     */
    public function __construct(
        Context $context,
        private GroupSourceLoggedInOnlyInterface $groups,
        private StoreViews $stores,
        array $data = [],
        ?SecureHtmlRenderer $secureRenderer = null
    ) {
        parent::__construct($context, $data, $secureRenderer);
        $this->setTemplate(self::TEMPLATE);
    }

    /**
     * The box on its own row: no scope label, no "use default" checkbox.
     *
     * @param AbstractElement $element
     * @return string
     */
    public function render(AbstractElement $element)
    {
        $element->unsScope()->unsCanUseWebsiteValue()->unsCanUseDefaultValue();
        return parent::render($element);
    }

    /**
     * The box's template instead of an input.
     *
     * @param AbstractElement $element
     * @return string
     */
    // phpcs:ignore PSR2.Methods.MethodDeclaration.Underscore
    protected function _getElementHtml(AbstractElement $element)
    {
        $this->setData('html_id', $element->getHtmlId());
        return $this->_toHtml();
    }

    /**
     * What the RequireJS module needs: the controller's URL, the form key and every sentence it shows.
     *
     * @return array
     */
    public function getBoxConfig(): array
    {
        return [
            'testUrl' => $this->getUrl('bandeau/routing/test'),
            'formKey' => $this->getFormKey(),
            'groups' => $this->names($this->groups->toOptionArray()),
            'stores' => $this->names($this->stores->toOptionArray()),
            'texts' => $this->texts(),
        ];
    }

    /**
     * Translated sentences, keyed as frontend-ts/src/routingTest/texts.ts expects them.
     *
     * @return array<string, string>
     */
    private function texts(): array
    {
        $texts = [
            'enterNumber' => __('Enter a phone number.'),
            'testing' => __('Testing…'),
            'failed' => __('The test failed. Please try again.'),
            'noRules' => __('No active routing rule is configured: every call goes to the default route.'),
            'ruleMatched' => __('Rule "%1" (%2) matches.'),
            'reason_no_match' => __('No rule matches this known number: the default route.'),
            'reason_unknown_number' => __('This number is not in the shop and no rule matches: the default route.'),
            'reason_no_caller_id' => __('This is not a phone number that can be read.'),
            'reason_timeout' => __('The shop did not answer in time: the default route.'),
            'reason_error' => __('The decision failed: the default route.'),
            'whyTitle' => __('Why'),
            'why_customer_group' => __('Customer group %1'),
            'why_vip' => __('VIP customer'),
            'why_not_vip' => __('Not a VIP customer'),
            'why_lifetime_sales' => __('Lifetime sales of at least %1'),
            'why_order_any_open' => __('Open order #%1'),
            'why_order_not_shipped' => __('Order #%1 not shipped'),
            'why_order_payment_problem' => __('Payment problem on order #%1'),
            'why_order_payment_review' => __('Order #%1 awaiting payment review'),
            'why_order_holded' => __('Order #%1 on hold'),
            'why_order_status' => __('Order #%1 with status %2'),
            'why_shipped_recently' => __('Shipped %1 days ago (order #%2)'),
            'why_shipped_today' => __('Shipped today (order #%1)'),
            'why_shipped_yesterday' => __('Shipped yesterday (order #%1)'),
            'why_open_cart' => __('Cart left open'),
            'why_no_open_cart' => __('No open cart'),
            'why_store' => __('Store view %1'),
            'why_unknown_number' => __('Unknown number'),
            'why_known_number' => __('Known number'),
            'route' => __('Route'),
            'priority' => __('Priority'),
            'message' => __('Message'),
            'none' => __('None'),
            'order' => __('Order'),
            'customer' => __('Customer'),
            'customerValue' => __('%1 (ID %2)'),
            'noCustomer' => __('No customer account'),
            'vip' => __('VIP'),
            'yes' => __('Yes'),
            'no' => __('No'),
            'language' => __('Language'),
            'number' => __('Tested Number'),
            'readWithValue' => __('%1 (read as a number of %2)'),
            'readWithNote' => __(
                'Numbers without a country code are read as numbers of %1 (Bandeau > Phone Numbers > Default Country).'
            ),
            'openOrders' => __('Open orders'),
            'orderLine' => __('#%1: %2'),
            'shipped' => __('shipped'),
            'notShipped' => __('not shipped'),
            'lastShipment' => __('Last shipment'),
            'lastShipmentValue' => __('Order #%1, %2'),
        ];
        return array_map('strval', $texts);
    }

    /**
     * Option labels by value.
     *
     * @param array $options
     * @return array<string, string>
     */
    private function names(array $options): array
    {
        $names = [];
        foreach ($options as $option) {
            if (isset($option['value']) && is_scalar($option['value'])) {
                $names[(string)$option['value']] = (string)($option['label'] ?? $option['value']);
            }
        }
        return $names;
    }
}
