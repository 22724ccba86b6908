<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Routing;

use Bandeau\Cti\Model\Routing\RuleEvaluator;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * The PHP evaluator (the admin's "test a number" box) decides every case of the shared fixture
 * exactly as the bridge's evaluator does (test/ts/routing/rules*.test.ts runs the same file).
 */
class RuleEvaluatorConformanceTest extends TestCase
{
    private const FIXTURE = __DIR__ . '/../../../fixtures/routing/cases.json';

    /**
     * @return array<string, array{0: array}>
     */
    public static function cases(): array
    {
        $cases = json_decode((string)file_get_contents(self::FIXTURE), true, 512, JSON_THROW_ON_ERROR);
        $out = [];
        foreach ($cases as $case) {
            $out[$case['name']] = [$case];
        }
        return $out;
    }

    public function testTheFixtureHasEnoughCases(): void
    {
        self::assertGreaterThanOrEqual(25, count(self::cases()));
    }

    #[DataProvider('cases')]
    public function testDecidesAsTheFixtureSays(array $case): void
    {
        $decision = (new RuleEvaluator())->evaluate(
            $case['rules'],
            $case['facts'],
            new \DateTimeImmutable($case['now'])
        );
        $expect = $case['expect'];
        $actual = [
            'route' => $decision['route'],
            'reason' => $decision['reason'],
            'rule' => $decision['rule']['code'] ?? null,
            'priority' => $decision['priority'],
            'message' => $decision['message'],
            'order' => $decision['order'],
            'vip' => $decision['vip'],
            'lang' => $decision['lang'],
            'customer_id' => $decision['customer']['id'] ?? null,
            'why' => $decision['why'],
        ];
        // JSON has one number type: 3410 in the fixture is 3410.0 here.
        $normalise = static fn (array $why): array => array_map(
            static fn (array $item): array => array_map(
                static fn ($v) => is_float($v) && floor($v) === $v ? (int)$v : $v,
                $item
            ),
            $why
        );
        $expect['why'] = $normalise($expect['why']);
        $actual['why'] = $normalise($actual['why']);
        self::assertSame($this->sorted($expect), $this->sorted($actual));
    }

    private function sorted(array $value): array
    {
        ksort($value);
        foreach ($value['why'] as $i => $item) {
            ksort($item);
            $value['why'][$i] = $item;
        }
        return $value;
    }
}
