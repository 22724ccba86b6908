<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Export\CallCsv;
use PHPUnit\Framework\TestCase;

class CallCsvTest extends TestCase
{
    public function testHeaderRowsAndFormulaNeutralising(): void
    {
        $csv = (new CallCsv())->build([
            new Call([
                'call_id' => 'c1', 'direction' => 'inbound', 'from' => '+33612345678', 'to' => '1001',
                'started_at' => '2024-05-01T12:00:00Z', 'duration_s' => 61, 'note' => '=HYPERLINK("x")',
            ]),
        ]);
        $lines = array_map(
            static fn ($l) => str_getcsv($l, ',', '"', ''),
            array_values(array_filter(explode("\n", $csv)))
        );
        self::assertSame(CallCsv::COLUMNS, $lines[0]);
        $row = array_combine($lines[0], $lines[1]);
        self::assertSame('+33612345678', $row['from'], 'phone numbers are not mangled');
        self::assertSame('\'=HYPERLINK("x")', $row['note']);
        self::assertSame('61', $row['duration_s']);
        self::assertSame('', $row['answered_at']);
    }
}
