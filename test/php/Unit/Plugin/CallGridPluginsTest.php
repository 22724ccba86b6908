<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Plugin;

use Bandeau\Cti\Model\Access\CallVisibility;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Export\CallCsv;
use Bandeau\Cti\Plugin\Ui\CallGridExportSanitiserPlugin;
use Bandeau\Cti\Plugin\Ui\CallGridVisibilityPlugin;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\Api\AttributeValue;
use Magento\Framework\Api\FilterBuilder;
use Magento\Framework\Api\Search\DocumentInterface;
use Magento\Framework\View\Element\UiComponent\DataProvider\DataProvider;
use Magento\Ui\Model\Export\MetadataProvider;
use PHPUnit\Framework\TestCase;

/**
 * Issue 14: the Calls grid and its export follow the call visibility rule (finding 3), and the
 * export neutralises spreadsheet formulas Magento's own guard lets through (finding 10).
 */
class CallGridPluginsTest extends TestCase
{
    private const MODULE = __DIR__ . '/../../../../app/code/Bandeau/Cti/';

    private function document(array $data): DocumentInterface
    {
        return new class ($data) implements DocumentInterface {
            public function __construct(private array $data)
            {
            }

            public function getCustomAttribute($attributeCode)
            {
                // As Magento's Document: an attribute for every code, its value null when absent.
                return new AttributeValue($attributeCode, $this->data[$attributeCode] ?? null);
            }
        };
    }

    /**
     * The rows as Magento's export writes them: MetadataProvider::getRowData, then the plugin.
     */
    private function exportRow(array $data): array
    {
        $provider = new MetadataProvider();
        $document = $this->document($data);
        $fields = array_keys($data);
        $row = $provider->getRowData($document, $fields, []);
        return (new CallGridExportSanitiserPlugin(new CallCsv()))->afterGetRowData($provider, $row, $document);
    }

    public function testFormulasInNotesNumbersAndNamesAreNeutralisedInTheGridExport(): void
    {
        $row = $this->exportRow([
            'call_id' => 'c1',
            'note' => '@SUM(1+1)*cmd|\' /C calc\'!A0',
            'from_number' => "\t=HYPERLINK(\"http://evil\")",
            'to_number' => '+33612345678',
            'agent_extension' => '1001',
            'queue_name' => "\r-2+3",
            'transferred_to' => '=1+1',
            'outcome' => '+cmd',
            'tags' => 'Delivery, Urgent',
            'started_at' => '2025-11-18 09:00:00',
            'talk_s' => '-5',
        ]);
        self::assertSame([
            'c1',
            "'@SUM(1+1)*cmd|' /C calc'!A0",
            "'\t=HYPERLINK(\"http://evil\")",
            '+33612345678',
            '1001',
            "'\r-2+3",
            "'=1+1",
            "'+cmd",
            'Delivery, Urgent',
            '2025-11-18 09:00:00',
            '-5',
        ], $row, 'every dangerous cell starts with a quote; numbers and dates are exported as stored');
        foreach ($row as $cell) {
            self::assertDoesNotMatchRegularExpression('/^[=@\t\r]/', $cell);
        }
        // Other grids' exports are Magento's business.
        self::assertSame(['@x'], $this->exportRow(['email' => '@x']));
    }

    public function testThePluginsAreDeclaredOnMagentosClassesNotAsPreferences(): void
    {
        $di = (string)file_get_contents(self::MODULE . 'etc/adminhtml/di.xml');
        self::assertStringContainsString('<type name="Magento\Ui\Model\Export\MetadataProvider">', $di);
        self::assertStringContainsString('Bandeau\Cti\Plugin\Ui\CallGridExportSanitiserPlugin', $di);
        self::assertStringContainsString('Bandeau\Cti\Plugin\Ui\CallGridVisibilityPlugin', $di);
        self::assertStringNotContainsString('preference for="Magento\Ui', $di);
        $listing = (string)file_get_contents(self::MODULE . 'view/adminhtml/ui_component/bandeau_call_listing.xml');
        self::assertStringContainsString('name="' . CallGridVisibilityPlugin::DATA_SOURCE . '"', $listing);
    }

    private function filtersFor(string $dataSource, array $resources): array
    {
        $provider = new DataProvider($dataSource);
        $visibility = new CallVisibility(
            new StaticAuthorization($resources),
            (new Session())->setUser(Builders::user(['user_id' => '7'])),
            new AgentProfile()
        );
        (new CallGridVisibilityPlugin($visibility, new FilterBuilder()))->beforeGetSearchResult($provider);
        return array_map(
            static fn ($f) => [$f->getField(), $f->getConditionType(), $f->getValue()],
            $provider->filters
        );
    }

    public function testTheCallsGridAndItsExportListOnlyOwnCallsWithoutBothRights(): void
    {
        $source = CallGridVisibilityPlugin::DATA_SOURCE;
        self::assertSame([['agent_user_id', 'eq', '7']], $this->filtersFor($source, ['Bandeau_Cti::all_calls']));
        self::assertSame([['agent_user_id', 'eq', '7']], $this->filtersFor($source, ['Magento_Customer::manage']));
        self::assertSame([], $this->filtersFor($source, ['Magento_Customer::manage', 'Bandeau_Cti::all_calls']));
        self::assertSame([], $this->filtersFor('customer_listing_data_source', ['Bandeau_Cti::all_calls']));
    }
}
