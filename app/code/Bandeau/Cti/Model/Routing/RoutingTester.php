<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Routing;

use Bandeau\Cti\Api\Data\RoutingExplanationInterface;
use Bandeau\Cti\Api\RoutingTesterInterface;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Routing\Data\RoutingExplanation;
use Bandeau\Cti\Model\Routing\Data\RoutingRuleRef;
use Bandeau\Cti\Model\Routing\Data\RoutingWhy;

/**
 * The admin's "test a number" box: the facts and the rules the bridge would read, evaluated now.
 */
class RoutingTester implements RoutingTesterInterface
{
    /**
     * @param CallerFacts $facts
     * @param RuleSetReader $rules
     * @param RuleEvaluator $evaluator
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     * @param ClockInterface $clock
     */
    public function __construct(
        private CallerFacts $facts,
        private RuleSetReader $rules,
        private RuleEvaluator $evaluator,
        private PhoneNormaliser $normaliser,
        private Config $config,
        private ClockInterface $clock
    ) {
    }

    /**
     * @inheritdoc
     */
    public function test(string $phone): RoutingExplanationInterface
    {
        [$e164, $facts] = $this->read($phone);
        $now = (new \DateTimeImmutable('@' . $this->clock->now()))->setTimezone(new \DateTimeZone('UTC'));
        $decision = $this->evaluator->evaluate($this->rules->read()->toArray(), $facts?->toArray(), $now);
        $why = [];
        foreach ($decision['why'] as $item) {
            $why[] = new RoutingWhy(
                (string)$item['code'],
                isset($item['order']) ? (string)$item['order'] : null,
                isset($item['status']) ? (string)$item['status'] : null,
                isset($item['days']) ? (int)$item['days'] : null,
                isset($item['group_id']) ? (int)$item['group_id'] : null,
                isset($item['store_id']) ? (int)$item['store_id'] : null,
                isset($item['amount']) ? (float)$item['amount'] : null
            );
        }
        return new RoutingExplanation(
            $e164 ?? mb_substr(trim($phone), 0, 64),
            (string)$decision['route'],
            (string)$decision['reason'],
            $decision['rule'] === null
                ? null : new RoutingRuleRef($decision['rule']['code'], $decision['rule']['label']),
            (int)$decision['priority'],
            (string)$decision['message'],
            (string)$decision['order'],
            (bool)$decision['vip'],
            (string)$decision['lang'],
            $decision['customer']['id'] ?? null,
            (string)($decision['customer']['name'] ?? ''),
            $why,
            $facts
        );
    }

    /**
     * The number in E.164 and its facts. A national number ("01 42 68 53 00") is read with
     * Bandeau's Default Country, then, when that finds nobody, with the shop's own country
     * (general/country/default): the box must not say "not in the shop" for a number the shop
     * knows only because the two settings differ.
     *
     * @param string $phone as typed
     * @return array{0: string|null, 1: \Bandeau\Cti\Model\Routing\Data\RoutingCallerFacts|null}
     */
    private function read(string $phone): array
    {
        $regions = array_unique(array_filter([$this->config->getDefaultCountry(), $this->config->getShopCountry()]));
        $first = [null, null];
        foreach ($regions as $region) {
            $e164 = $this->normaliser->toE164($phone, $region);
            if ($e164 === null || $e164 === $first[0]) {
                continue;
            }
            $facts = $this->facts->forE164($e164);
            if ($facts->isKnown()) {
                return [$e164, $facts];
            }
            $first = $first[0] === null ? [$e164, $facts] : $first;
        }
        return $first;
    }
}
