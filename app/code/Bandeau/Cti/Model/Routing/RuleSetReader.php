<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Bandeau\Cti\Api\Data\RoutingRuleSetInterface;
use Bandeau\Cti\Api\RoutingRulesInterface;
use Bandeau\Cti\Model\Routing\Data\RoutingFallback;
use Bandeau\Cti\Model\Routing\Data\RoutingRule;
use Bandeau\Cti\Model\Routing\Data\RoutingRuleSet;
use Magento\Framework\App\Config\ScopeConfigInterface;
use Psr\Log\LoggerInterface;

/**
 * The routing rules of Stores > Configuration > Bandeau > Call routing (global scope): the dynamic
 * rows of `bandeau_routing/rules/list` in their order, and the VIP customer groups. A row that
 * cannot be used (invalid code, route, message, value; a code already used) is skipped and logged:
 * the other rules still apply.
 */
class RuleSetReader implements RoutingRulesInterface
{
    public const XML_PATH_RULES = 'bandeau_routing/rules/list';
    public const XML_PATH_VIP_GROUPS = 'bandeau_routing/general/vip_groups';

    /**
     * @param ScopeConfigInterface $scopeConfig
     * @param RuleRowParser $rowParser
     * @param LoggerInterface $logger
     */
    public function __construct(
        private ScopeConfigInterface $scopeConfig,
        private RuleRowParser $rowParser,
        private LoggerInterface $logger
    ) {
    }

    /**
     * @inheritdoc
     */
    public function getRules(): RoutingRuleSetInterface
    {
        return $this->read();
    }

    /**
     * The rule set as configured now.
     *
     * @return RoutingRuleSet
     */
    public function read(): RoutingRuleSet
    {
        $rules = $this->rules($this->scopeConfig->getValue(self::XML_PATH_RULES));
        $vipGroups = $this->vipGroups((string)$this->scopeConfig->getValue(self::XML_PATH_VIP_GROUPS));
        $fallback = new RoutingFallback(RuleNames::FALLBACK_ROUTE, RuleNames::FALLBACK_PRIORITY, '');
        $version = substr(hash('sha256', (string)json_encode([
            'rules' => array_map(static fn (RoutingRule $rule): array => $rule->toArray(), $rules),
            'vip_group_ids' => $vipGroups,
            'fallback' => $fallback->toArray(),
        ])), 0, 16);
        return new RoutingRuleSet($version, $vipGroups, $rules, $fallback);
    }

    /**
     * The usable rules of the stored rows, in order.
     *
     * @param mixed $stored JSON object of rows keyed by row id (or the decoded array)
     * @return RoutingRule[]
     */
    private function rules(mixed $stored): array
    {
        if (is_string($stored)) {
            $stored = trim($stored) === '' ? [] : json_decode($stored, true);
        }
        if (!is_array($stored)) {
            $this->logger->warning('Bandeau: the call routing rules are not readable JSON; no rule applies');
            return [];
        }
        $rules = [];
        foreach ($stored as $rowId => $row) {
            if (!is_array($row)) {
                continue;
            }
            try {
                $rule = $this->rowParser->parse($row);
            } catch (\InvalidArgumentException $e) {
                $this->logger->warning(
                    sprintf('Bandeau: call routing rule row %s skipped: %s', $this->rowName($rowId), $e->getMessage())
                );
                continue;
            }
            if (isset($rules[$rule->getCode()])) {
                $this->logger->warning(sprintf(
                    'Bandeau: call routing rule row %s skipped: the code "%s" is already used',
                    $this->rowName($rowId),
                    $rule->getCode()
                ));
                continue;
            }
            $rules[$rule->getCode()] = $rule;
        }
        return array_values($rules);
    }

    /**
     * The VIP group ids of a comma-separated list (invalid items are ignored).
     *
     * @param string $stored
     * @return int[]
     */
    private function vipGroups(string $stored): array
    {
        $ids = [];
        foreach (explode(',', $stored) as $item) {
            $item = trim($item);
            if (preg_match('/^\d{1,10}$/', $item)) {
                $ids[] = (int)$item;
            }
        }
        return array_values(array_unique($ids));
    }

    /**
     * A dynamic row id as a log can show it.
     *
     * @param int|string $rowId
     * @return string
     */
    private function rowName(int|string $rowId): string
    {
        return substr((string)preg_replace('/[^A-Za-z0-9_-]/', '?', (string)$rowId), 0, 40);
    }
}
