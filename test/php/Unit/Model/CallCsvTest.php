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
        self::assertSame(['route', 'route_rule', 'route_reason'], array_slice(CallCsv::COLUMNS, -3));
        self::assertSame('', $row['route']);
    }

    /**
     * The CSV is built without a stream (Magento's coding standard); it must be byte for byte what
     * PHP's fputcsv() wrote before, escaping off, for any note an agent may type.
     */
    public function testLinesAreWhatFputcsvWrites(): void
    {
        $notes = [
            '', 'plain', 'two words', 'a,b', 'say "hi"', "line\nbreak", "cr\rlf", "tab\there", ' lead', 'trail ',
            'back\\slash', 'back\\"quote', '"', '""', ',', 'émoji 📞 ok', "\u{00A0}nbsp", "multi\n\nlines, \"and\" more",
            "'already quoted", '\'=1+1', '@SUM(A1)', '-1', '+33 6 12 34 56 78',
        ];
        mt_srand(11);
        for ($i = 0; $i < 300; $i++) {
            $note = '';
            for ($j = mt_rand(1, 12); $j > 0; $j--) {
                $note .= ['a', ' ', ',', '"', "\n", "\r", "\t", '\\', '=', '+', '-', 'é', ';', "'"][mt_rand(0, 13)];
            }
            $notes[] = $note;
        }
        $calls = [];
        foreach ($notes as $i => $note) {
            $calls[] = new Call([
                'call_id' => 'c' . $i, 'direction' => 'inbound', 'from' => '+33612345678',
                'started_at' => '2024-05-01T12:00:00Z', 'talk_s' => $i, 'note' => $note,
            ]);
        }
        $csv = (new CallCsv())->build($calls);

        $handle = fopen('php://memory', 'w+b');
        fputcsv($handle, CallCsv::COLUMNS, ',', '"', '');
        $cell = new \ReflectionMethod(CallCsv::class, 'sanitise');
        foreach ($calls as $call) {
            $line = [];
            foreach (CallCsv::COLUMNS as $field) {
                $getter = 'get' . str_replace('_', '', ucwords($field, '_'));
                $line[] = $cell->invoke(new CallCsv(), $call->{$getter}());
            }
            fputcsv($handle, $line, ',', '"', '');
        }
        rewind($handle);
        self::assertSame(stream_get_contents($handle), $csv);
        fclose($handle);
    }
}
