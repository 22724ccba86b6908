<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api;

use Bandeau\Cti\Api\Data\RoutingExplanationInterface;

/**
 * The admin's "test a number" box: which routing rule a call from this number would match now, and why.
 *
 * It reads the same facts (RoutingFactsInterface) and the same rules (RoutingRulesInterface) the
 * bridge reads, and evaluates them with the PHP twin of the bridge's evaluator (both pass
 * test/fixtures/routing/cases.json), so the answer is the one the PBX would get on a warm cache.
 *
 * @api
 */
interface RoutingTesterInterface
{
    /**
     * Explains the routing decision for a call from this number, at the current time.
     *
     * The explanation carries: the matched rule (code and label, null when no rule matched),
     * route, priority (0..100), message (sound name or ''), reason (`rule`, `no_match`,
     * `unknown_number`, or `no_caller_id` when the number cannot be read), the matched order's
     * increment id (or ''), the `why` list (one item per condition of the matched rule, codes of
     * the routing contract: `order_not_shipped` {order}, `shipped_recently` {order, days}, `vip`…;
     * empty when no rule matched), vip, lang, customer id, and the facts used (null when the
     * number cannot be read). Never throws for an unreadable number.
     *
     * @param string $phone any written form; national numbers use the configured default country
     * @return \Bandeau\Cti\Api\Data\RoutingExplanationInterface
     */
    public function test(string $phone): RoutingExplanationInterface;
}
