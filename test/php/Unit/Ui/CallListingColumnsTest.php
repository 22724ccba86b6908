<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Ui;

use PHPUnit\Framework\TestCase;

/**
 * The Calls grid's default columns: few enough to fit a 1440-pixel screen without scrolling
 * sideways (checked on a real Magento 2.4.6: 22 columns overflowed by 373 pixels, these 13 fit).
 * The others stay one click away in Columns, each with its filter; Magento's export writes every
 * labelled column whatever its visibility (Ui MetadataProvider::getColumns).
 */
class CallListingColumnsTest extends TestCase
{
    private const LISTING = __DIR__ . '/../../../../app/code/Bandeau/Cti/view/adminhtml/ui_component/bandeau_call_listing.xml';

    /**
     * @return array<string, array{visible: bool, filter: string, label: string}>
     */
    private function columns(): array
    {
        $xml = simplexml_load_file(self::LISTING);
        self::assertNotFalse($xml);
        $out = [];
        foreach ($xml->xpath('//columns/column') ?: [] as $column) {
            $settings = $column->settings;
            $out[(string)$column['name']] = [
                'visible' => (string)$settings->visible !== 'false',
                'filter' => (string)$settings->filter,
                'label' => (string)$settings->label,
            ];
        }
        return $out;
    }

    public function testThirteenColumnsAgentsAndSupervisorsReadFirst(): void
    {
        $visible = array_keys(array_filter($this->columns(), static fn (array $c): bool => $c['visible']));
        self::assertSame(
            [
                'started_at', 'direction', 'from_number', 'to_number', 'agent_extension', 'customer_id', 'order_id',
                'disposition', 'talk_s', 'note', 'outcome', 'queue_name', 'route',
            ],
            $visible
        );
    }

    public function testEveryHiddenColumnCanBeShownAndFiltered(): void
    {
        $hidden = array_filter($this->columns(), static fn (array $c): bool => !$c['visible']);
        self::assertCount(11, $hidden);
        foreach ($hidden as $name => $column) {
            self::assertNotSame('', $column['label'], "$name has no label: Columns could not list it, the export would skip it");
            self::assertNotSame('', $column['filter'], "$name has no filter");
        }
    }
}
