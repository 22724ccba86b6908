<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Api;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\RestOutput;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * The example files of test/contract describe the service contracts exactly.
 */
class ContractTest extends TestCase
{
    private const CONTRACT_DIR = __DIR__ . '/../../../contract';

    public static function files(): array
    {
        $files = [];
        foreach (glob(self::CONTRACT_DIR . '/*.json') as $path) {
            $files[basename($path)] = [basename($path)];
        }
        return $files;
    }

    #[DataProvider('files')]
    public function testIsValidJsonListedInTheReadme(string $file): void
    {
        self::assertIsArray(RestOutput::contract($file));
        self::assertStringContainsString('`' . $file . '`', (string)file_get_contents(self::CONTRACT_DIR . '/README.md'));
    }

    public function testUpsertRequestCarriesEveryCallFieldAndValidates(): void
    {
        $call = RestOutput::contract('calls.upsert.request.json')['call'];
        self::assertSame(CallInterface::FIELDS, array_keys($call));
        $valid = Builders::callValidator()->validate(RestOutput::callFromRequest(['call' => $call]));
        self::assertSame($call['call_id'], $valid->getCallId());
    }

    public function testResponsesUseOnlyCallFieldsInContractOrder(): void
    {
        $records = [
            RestOutput::contract('calls.upsert.response.json'),
            RestOutput::contract('calls.get.response.json'),
            ...RestOutput::contract('calls.search.response.json')['items'],
        ];
        foreach ($records as $record) {
            $keys = array_keys($record);
            self::assertSame([], array_diff($keys, CallInterface::FIELDS));
            self::assertSame(
                array_values(array_intersect(CallInterface::FIELDS, $keys)),
                $keys,
                'Magento outputs the getters in interface order'
            );
            self::assertContains($record['direction'], CallInterface::DIRECTIONS);
            self::assertMatchesRegularExpression('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $record['started_at']);
        }
    }

    public function testCallInterfaceGettersAreTheContractFields(): void
    {
        $fields = [];
        foreach ((new \ReflectionClass(CallInterface::class))->getMethods() as $method) {
            if (str_starts_with($method->getName(), 'get')) {
                $fields[] = strtolower((string)preg_replace('/(?<!^)[A-Z]/', '_$0', substr($method->getName(), 3)));
            }
        }
        self::assertSame(CallInterface::FIELDS, $fields);
    }

    public function testLookupResponseShape(): void
    {
        $response = RestOutput::contract('calls.lookup.response.json');
        self::assertSame(['phone', 'matches'], array_keys($response));
        foreach ($response['matches'] as $match) {
            self::assertSame([], array_diff(
                array_keys($match),
                ['customer_id', 'name', 'email', 'telephone', 'source', 'order_id', 'order_increment_id',
                    'group', 'last_order', 'open_cart']
            ));
            self::assertContains($match['source'], ['customer_address', 'order_address']);
            // Details (issue 17, desk phones) only come with a customer; each is optional.
            if (!isset($match['customer_id'])) {
                self::assertSame([], array_intersect(array_keys($match), ['group', 'last_order', 'open_cart']));
            }
            if (isset($match['last_order'])) {
                self::assertSame(['increment_id', 'status', 'grand_total'], array_keys($match['last_order']));
            }
            if (isset($match['open_cart'])) {
                self::assertSame(['items', 'total'], array_keys($match['open_cart']));
                self::assertIsInt($match['open_cart']['items']);
            }
        }
    }

    /**
     * Magento answers an AuthorizationException with HTTP 401: every doc of the quick outcome says so.
     */
    public function testQuickOutcomeDocsGiveTheStatusMagentoAnswersToAnAgentNotInTheCall(): void
    {
        $root = dirname(__DIR__, 4);
        $module = (string)file_get_contents($root . '/app/code/Bandeau/Cti/README.md');
        self::assertSame(1, preg_match('/\*\*Quick outcome REST\*\*(.*?)\n\n/s', $module, $m));
        self::assertStringContainsString('else HTTP 401', $m[1]);
        self::assertStringNotContainsString('403', $m[1]);
        $webapi = (string)file_get_contents($root . '/app/code/Bandeau/Cti/etc/webapi.xml');
        self::assertStringContainsString('AuthorizationException: HTTP 401', $webapi);
        self::assertStringContainsString('401 when' . "\n" . 'the agent did not take part in the call',
            (string)file_get_contents(self::CONTRACT_DIR . '/README.md'));
    }
}
