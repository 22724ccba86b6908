<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Routing;

use Bandeau\Cti\Api\Data\RoutingCallerFactsInterface;
use Bandeau\Cti\Api\Data\RoutingExplanationInterface;
use Bandeau\Cti\Api\Data\RoutingWhyInterface;
use Bandeau\Cti\Api\RoutingRulesInterface;
use Bandeau\Cti\Api\RoutingTesterInterface;
use Bandeau\Cti\Model\Campaign\JsonReply;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Magento\Framework\Exception\LocalizedException;
use Psr\Log\LoggerInterface;

/**
 * POST bandeau/routing/test (form_key, phone): the route a call from this number would get now,
 * with the saved rules, as the "Test a number" box of the call routing section shows it.
 *
 * Answers {"phone", "route", "reason", "rule": {code, label}|null, "priority", "message", "order",
 * "vip", "lang", "customer": {id, name}|null, "read_with": the country a number written
 * without its country code was read with ("FR"; null for an international one),
 * "why": [{code, order?, status?, days?, group_id?, store_id?, amount?}],
 * "facts": {known, customer, orders, last_shipment}|null, "active_rules"};
 * 400 {"error": {"code": "invalid_number"|"empty", "message"}} when the number cannot be read.
 */
class Test extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::routing';

    /** Longer input is not a phone number; it is refused before anything parses it. */
    private const MAX_LENGTH = 40;

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param RoutingTesterInterface $tester
     * @param RoutingRulesInterface $rules
     * @param JsonReply $reply
     * @param LoggerInterface $logger
     * @param Config $config
     * @param PhoneNormaliser $normaliser
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private RoutingTesterInterface $tester,
        private RoutingRulesInterface $rules,
        private JsonReply $reply,
        private LoggerInterface $logger,
        private Config $config,
        private PhoneNormaliser $normaliser
    ) {
        parent::__construct($context);
    }

    /**
     * Tests the posted number.
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $phone = $this->getRequest()->getPost('phone');
        $phone = is_string($phone) ? trim($phone) : '';
        if ($phone === '') {
            return $this->reply->error($result, 400, 'empty', (string)__('Enter a phone number.'));
        }
        if (mb_strlen($phone) > self::MAX_LENGTH || preg_match('/[\x00-\x1F\x7F]/', $phone)) {
            return $this->reply->error(
                $result,
                400,
                'invalid_number',
                (string)__('This is not a phone number that can be read.')
            );
        }
        try {
            $explanation = $this->tester->test($phone);
            $activeRules = 0;
            foreach ($this->rules->getRules()->getRules() as $rule) {
                $activeRules += $rule->isActive() ? 1 : 0;
            }
        } catch (LocalizedException $e) {
            return $this->reply->error($result, 500, 'failed', $e->getMessage());
        } catch (\Throwable $e) {
            $this->logger->error('Bandeau routing test failed: ' . $e->getMessage(), ['exception' => $e]);
            return $this->reply->error($result, 500, 'failed', (string)__('The test failed. Please try again.'));
        }
        if ($explanation->getReason() === 'no_caller_id') {
            return $this->reply->error(
                $result,
                400,
                'invalid_number',
                (string)__('This is not a phone number that can be read.')
            );
        }
        return $result->setData($this->toArray($explanation) + [
            'read_with' => $this->readWith($phone, $explanation->getPhone()),
            'active_rules' => $activeRules,
        ]);
    }

    /**
     * The country a number typed without its country code was read with (the tester tries Bandeau's
     * Default Country, then the shop's), so the box can say how "01 42 68 53 00" was understood.
     *
     * @param string $typed
     * @param string $e164 the number the tester used
     * @return string|null "FR"; null when the number carried its own country code
     */
    private function readWith(string $typed, string $e164): ?string
    {
        if (preg_match('/^\s*(\+|00)/', $typed) === 1) {
            return null;
        }
        $countries = array_filter([$this->config->getDefaultCountry(), $this->config->getShopCountry()]);
        foreach (array_unique($countries) as $country) {
            if ($this->normaliser->toE164($typed, $country) === $e164) {
                return $country;
            }
        }
        return null;
    }

    /**
     * The explanation as the box reads it (snake_case, as Magento's web API writes it).
     *
     * @param RoutingExplanationInterface $explanation
     * @return array
     */
    private function toArray(RoutingExplanationInterface $explanation): array
    {
        $rule = $explanation->getRule();
        $customerId = $explanation->getCustomerId();
        return [
            'phone' => $explanation->getPhone(),
            'route' => $explanation->getRoute(),
            'reason' => $explanation->getReason(),
            'rule' => $rule === null ? null : ['code' => $rule->getCode(), 'label' => $rule->getLabel()],
            'priority' => $explanation->getPriority(),
            'message' => $explanation->getMessage(),
            'order' => $explanation->getOrder(),
            'vip' => $explanation->isVip(),
            'lang' => $explanation->getLang(),
            'customer' => $customerId === null
                ? null
                : ['id' => $customerId, 'name' => $explanation->getCustomerName()],
            'why' => array_map([$this, 'why'], array_values($explanation->getWhy())),
            'facts' => $this->facts($explanation->getFacts()),
        ];
    }

    /**
     * One why item: its code and the parameters it has.
     *
     * @param RoutingWhyInterface $why
     * @return array
     */
    private function why(RoutingWhyInterface $why): array
    {
        return array_filter([
            'code' => $why->getCode(),
            'order' => $why->getOrder(),
            'status' => $why->getStatus(),
            'days' => $why->getDays(),
            'group_id' => $why->getGroupId(),
            'store_id' => $why->getStoreId(),
            'amount' => $why->getAmount(),
        ], static fn ($value): bool => $value !== null);
    }

    /**
     * The facts the decision used.
     *
     * @param RoutingCallerFactsInterface|null $facts
     * @return array|null
     */
    private function facts(?RoutingCallerFactsInterface $facts): ?array
    {
        if ($facts === null) {
            return null;
        }
        $customer = $facts->getCustomer();
        $shipment = $facts->getLastShipment();
        $orders = [];
        foreach ($facts->getOrders() as $order) {
            $orders[] = [
                'increment_id' => $order->getIncrementId(),
                'state' => $order->getState(),
                'status' => $order->getStatus(),
                'created_at' => $order->getCreatedAt(),
                'shipped' => $order->isShipped(),
                'store_id' => $order->getStoreId(),
            ];
        }
        return [
            'known' => $facts->isKnown(),
            'customer' => $customer === null ? null : [
                'id' => $customer->getId(),
                'name' => $customer->getName(),
                'group_id' => $customer->getGroupId(),
                'store_id' => $customer->getStoreId(),
                'locale' => $customer->getLocale(),
                'lifetime_sales' => $customer->getLifetimeSales(),
                'open_cart' => $customer->isOpenCart(),
            ],
            'orders' => $orders,
            'last_shipment' => $shipment === null ? null : [
                'order_increment_id' => $shipment->getOrderIncrementId(),
                'shipped_at' => $shipment->getShippedAt(),
            ],
        ];
    }
}
