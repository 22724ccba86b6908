<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Config;

use Bandeau\Cti\Model\Config\Backend\RoutingRules;
use Magento\Framework\Exception\LocalizedException;
use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\TestCase;

/**
 * The routing rules table's backend model (bandeau_routing/rules/list): what it stores for valid
 * rows, and the message naming the row for each kind of invalid one (nothing is saved then).
 */
class RoutingRulesBackendTest extends TestCase
{
    private static function row(array $changes = []): array
    {
        return $changes + [
            'code' => 'not_shipped', 'label' => 'Order not shipped', 'active' => '1', 'vip' => '', 'min_lifetime_sales' => '',
            'order' => 'not_shipped', 'order_statuses' => '', 'shipped_within_days' => '', 'open_cart' => '',
            'unknown_number' => '', 'route' => 'sales', 'priority' => '5', 'message' => 'bandeau/order-being-prepared',
        ];
    }

    /** Saves rows as Magento's config form posts them; returns the stored JSON. */
    private static function save(array $rows): string
    {
        $model = new RoutingRules();
        $model->setPath('bandeau_routing/rules/list');
        $model->setValue($rows + ['__empty' => '']);
        $model->beforeSave();
        return (string)$model->getValue();
    }

    public function testValidRowsAreStoredInFormOrderWithEveryColumnAsAString(): void
    {
        $json = self::save([
            '_1733000000000_1' => self::row([
                'code' => 'big', 'label' => '  Big spender  ', 'customer_groups' => ['4', '2', '4'], 'min_lifetime_sales' => '1000.5',
                'order' => '', 'store_ids' => ['1'], 'open_cart' => '0', 'route' => 'VIP_queue', 'priority' => '100',
                'message' => 'bandeau/fr/welcome-back', 'vip' => '1',
            ]),
            'not_shipped' => self::row(['order_statuses' => ' pending , fraud,pending', 'shipped_within_days' => '014']),
            '_1733000000000_2' => self::row([
                'code' => 'unknown', 'label' => '', 'order' => '', 'unknown_number' => '1', 'route' => 'default',
                'priority' => '0', 'message' => '', 'active' => '0', 'customer_groups' => '3, 1',
            ]),
        ]);
        $rows = json_decode($json, true);
        self::assertSame(['_1733000000000_1', 'not_shipped', '_1733000000000_2'], array_keys($rows));
        self::assertSame(RoutingRules::COLUMNS, array_keys($rows['not_shipped']));
        self::assertSame([
            'code' => 'big', 'label' => 'Big spender', 'active' => '1', 'customer_groups' => '4,2', 'vip' => '1',
            'min_lifetime_sales' => '1000.5', 'order' => '', 'order_statuses' => '', 'shipped_within_days' => '',
            'open_cart' => '0', 'store_ids' => '1', 'unknown_number' => '', 'route' => 'VIP_queue', 'priority' => '100',
            'message' => 'bandeau/fr/welcome-back',
        ], $rows['_1733000000000_1']);
        self::assertSame('pending,fraud', $rows['not_shipped']['order_statuses']);
        self::assertSame('14', $rows['not_shipped']['shipped_within_days']);
        self::assertSame('', $rows['not_shipped']['customer_groups'], 'a multiselect with nothing chosen posts nothing');
        self::assertSame('unknown', $rows['_1733000000000_2']['label'], 'an empty label is the code');
        self::assertSame('0', $rows['_1733000000000_2']['active']);
        self::assertSame('3,1', $rows['_1733000000000_2']['customer_groups']);
        foreach ($rows as $row) {
            foreach ($row as $value) {
                self::assertIsString($value);
            }
        }
    }

    public function testJsonFromConfigSetIsCheckedTheSameWay(): void
    {
        $model = new RoutingRules();
        $model->setValue((string)json_encode(['a' => self::row(['priority' => '7'])]));
        $model->beforeSave();
        self::assertSame('7', json_decode((string)$model->getValue(), true)['a']['priority']);

        $model->setValue((string)json_encode(['a' => self::row(['route' => 'sales"; EXEC System'])]));
        try {
            $model->beforeSave();
            self::fail('saved');
        } catch (LocalizedException $e) {
            self::assertStringStartsWith('Routing rule 1 (not_shipped): the route must be', $e->getMessage());
        }
        $model->setValue('not json');
        $this->expectExceptionMessage('The routing rules must be a JSON object of rows.');
        $model->beforeSave();
    }

    public function testAnEmptyTableIsSaved(): void
    {
        self::assertSame('[]', self::save([]));
    }

    public static function invalidRows(): array
    {
        $long = str_repeat('a', 33);
        return [
            'code empty' => [['code' => ''], 'Routing rule 2 (Order not shipped): the code must be 1 to 32 characters: lowercase letters, digits, _ or -.'],
            'code uppercase' => [['code' => 'Sales'], 'Routing rule 2 (Sales): the code must be 1 to 32 characters: lowercase letters, digits, _ or -.'],
            'code too long' => [['code' => $long], "Routing rule 2 ($long): the code must be"],
            'code with a space' => [['code' => 'a b'], 'Routing rule 2 (a b): the code must be'],
            'route empty' => [['route' => ''], 'Routing rule 2 (not_shipped): the route must be 1 to 32 characters: letters, digits, _ or -.'],
            'route with a newline' => [['route' => "sales\nEXEC Dial"], 'Routing rule 2 (not_shipped): the route must be'],
            'route too long' => [['route' => str_repeat('R', 33)], 'Routing rule 2 (not_shipped): the route must be'],
            'priority 101' => [['priority' => '101'], 'Routing rule 2 (not_shipped): the priority must be a whole number from 0 to 100.'],
            'priority negative' => [['priority' => '-1'], 'the priority must be a whole number from 0 to 100.'],
            'priority decimal' => [['priority' => '5.5'], 'the priority must be a whole number from 0 to 100.'],
            'priority empty' => [['priority' => ''], 'the priority must be a whole number from 0 to 100.'],
            'message with an extension' => [['message' => 'bandeau/x.wav'], 'Routing rule 2 (not_shipped): the message must be empty or a sound name such as bandeau/order-on-its-way.'],
            'message going up' => [['message' => '../../etc/passwd'], 'the message must be empty or a sound name'],
            'message absolute' => [['message' => '/var/lib/asterisk/sounds/x'], 'the message must be empty or a sound name'],
            'message with five parts' => [['message' => 'a/b/c/d/e'], 'the message must be empty or a sound name'],
            'sales not a number' => [['min_lifetime_sales' => '1 000'], 'Routing rule 2 (not_shipped): the minimum lifetime sales must be a number, 0 or more (e.g. 1000.50).'],
            'sales negative' => [['min_lifetime_sales' => '-5'], 'the minimum lifetime sales must be a number'],
            'days zero' => [['shipped_within_days' => '0'], 'Routing rule 2 (not_shipped): shipped within (days) must be a whole number from 1 to 3650.'],
            'days too many' => [['shipped_within_days' => '3651'], 'shipped within (days) must be a whole number from 1 to 3650.'],
            'days text' => [['shipped_within_days' => 'two weeks'], 'shipped within (days) must be'],
            'group not an id' => [['customer_groups' => ['1', 'x']], 'Routing rule 2 (not_shipped): the customer groups must be group ids.'],
            'group list not ids' => [['customer_groups' => '1;2'], 'the customer groups must be group ids.'],
            'store not an id' => [['store_ids' => ['-1']], 'Routing rule 2 (not_shipped): the store views must be store ids.'],
            'status not a code' => [['order_statuses' => 'pending,Fraud!'], 'Routing rule 2 (not_shipped): the order statuses must be status codes separated by commas.'],
            'order condition unknown' => [['order' => 'shipped'], 'Routing rule 2 (not_shipped): "shipped" is not a valid choice for Open Order.'],
            'vip not a choice' => [['vip' => 'yes'], '"yes" is not a valid choice for VIP.'],
            'open cart not a choice' => [['open_cart' => '2'], '"2" is not a valid choice for Open Cart.'],
            'unknown number not a choice' => [['unknown_number' => 'true'], '"true" is not a valid choice for Number.'],
            'active not a choice' => [['active' => 'maybe'], '"maybe" is not a valid choice for Active.'],
            'label on two lines' => [['label' => "a\nb"], 'Routing rule 2 (not_shipped): the label must be at most 255 characters, on one line.'],
            'label too long' => [['label' => str_repeat('é', 256)], 'the label must be at most 255 characters, on one line.'],
        ];
    }

    #[DataProvider('invalidRows')]
    public function testAnInvalidRowRefusesTheSaveWithAMessageNamingIt(array $changes, string $message): void
    {
        $model = new RoutingRules();
        $model->setValue(['a' => self::row(['code' => 'vip', 'vip' => '1', 'order' => '']), 'b' => self::row($changes)]);
        try {
            $model->beforeSave();
            self::fail('saved');
        } catch (LocalizedException $e) {
            self::assertStringStartsWith(str_contains($message, 'Routing rule') ? $message : 'Routing rule 2 (', $e->getMessage());
            self::assertStringContainsString($message, $e->getMessage());
        }
        self::assertIsArray($model->getValue(), 'nothing was serialised');
    }

    public function testADuplicateCodeNamesBothRows(): void
    {
        $this->expectException(LocalizedException::class);
        $this->expectExceptionMessage('Routing rule 3 (vip): the code vip is already used by rule 1.');
        self::save(['a' => self::row(['code' => 'vip']), 'b' => self::row(), 'c' => self::row(['code' => 'vip'])]);
    }

    public function testARowThatIsNotARowIsRefused(): void
    {
        $this->expectExceptionMessage('Routing rule 2 could not be read.');
        self::save(['a' => self::row(), 'b' => 'code=vip']);
    }

    public function testAtMostAHundredRules(): void
    {
        $rows = [];
        for ($i = 0; $i < 100; $i++) {
            $rows['r' . $i] = self::row(['code' => 'r' . $i]);
        }
        self::assertCount(100, json_decode(self::save($rows), true));
        $rows['r100'] = self::row(['code' => 'r100']);
        $this->expectExceptionMessage('At most 100 routing rules can be saved.');
        self::save($rows);
    }

    public function testMessagesAreTranslated(): void
    {
        \Magento\Framework\Phrase::$dictionary = [
            'Routing rule %1 (%2): the priority must be a whole number from 0 to 100.'
                => 'Règle de routage %1 (%2) : la priorité doit être un nombre entier de 0 à 100.',
        ];
        try {
            self::save(['a' => self::row(['priority' => '500'])]);
            self::fail('saved');
        } catch (LocalizedException $e) {
            self::assertSame('Règle de routage 1 (not_shipped) : la priorité doit être un nombre entier de 0 à 100.', $e->getMessage());
        } finally {
            \Magento\Framework\Phrase::$dictionary = [];
        }
    }
}
