<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Call;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\ViewModel\CallParties;
use Magento\Framework\Escaper;
use Magento\Framework\Stdlib\DateTime\TimezoneInterface;
use Magento\Framework\View\Element\Template;

/** The call history as supervisors read it: local dates, national numbers, agents by name. */
class CallPartiesTest extends SqlTestCase
{
    private function parties(string $country = 'FR'): CallParties
    {
        // Magento's Timezone::formatDateTime in short: the admin's locale, the store's zone for a UTC date.
        $timezone = new class implements TimezoneInterface {
            /** @var string[] */
            public array $zonesSeen = [];

            public function formatDateTime($date, $dateType = \IntlDateFormatter::SHORT, $timeType = \IntlDateFormatter::SHORT, $locale = null, $timezone = null, $pattern = null)
            {
                $zone = $date->getTimezone()->getName();
                $this->zonesSeen[] = $zone;
                $formatter = new \IntlDateFormatter('fr_FR', $dateType, $timeType, in_array($zone, ['UTC', '+00:00'], true) ? 'Europe/Paris' : $zone);
                return (string)$formatter->format($date);
            }

            public function getConfigTimezone($scopeType = null, $scopeCode = null)
            {
                return 'Europe/Paris';
            }
        };
        return new CallParties(
            $this->resource,
            $timezone,
            new PhoneNormaliser(),
            Builders::config(['bandeau/general/default_country' => $country])
        );
    }

    public function testDatesNumbersAndAgentsAsPeopleReadThem(): void
    {
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'firstname' => 'Anne', 'lastname' => 'Martin', 'bandeau_extension' => '1001']);
        $inbound = new Call([
            'call_id' => 'a', 'direction' => 'inbound', 'started_at' => '2026-11-30T15:50:00Z',
            'from' => '+33612345678', 'to' => '1001', 'agent_user_id' => 7, 'agent_extension' => '1001',
        ]);
        $outbound = new Call([
            'call_id' => 'b', 'direction' => 'outbound', 'started_at' => '2026-11-30T16:00:00Z',
            'from' => '1002', 'to' => '+12122293326', 'agent_user_id' => 99, 'agent_extension' => '1002',
        ]);
        $anonymised = new Call(['call_id' => 'c', 'direction' => 'inbound', 'started_at' => '2026-11-30T16:00:00Z']);
        $parties = $this->parties();
        $parties->prepare([$inbound, $outbound, $anonymised]);

        // 15:50 UTC is 16:50 in Paris: the zone Magento is given is UTC by name, so it converts.
        self::assertStringContainsString('16:50', $parties->getStartedAt($inbound));
        self::assertStringContainsString('2026', $parties->getStartedAt($inbound));
        self::assertSame('06 12 34 56 78', $parties->getNumber($inbound));
        self::assertSame('+1 212-229-3326', $parties->getNumber($outbound));
        self::assertSame('(anonymised)', $parties->getNumber($anonymised));
        self::assertSame('Anne Martin', $parties->getAgent($inbound));
        // A user since deleted: the extension the call was taken on, said as such.
        self::assertSame('Extension 1002', $parties->getAgent($outbound));
        self::assertSame('', $parties->getAgent($anonymised));
    }

    public function testTheCallTableUsesThem(): void
    {
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'firstname' => 'Anne', 'lastname' => '<b>Martin</b>']);
        $call = new Call([
            'call_id' => 'a', 'direction' => 'inbound', 'started_at' => '2026-11-30T15:50:00Z', 'talk_s' => 5,
            'from' => '+33612345678', 'to' => '1001', 'agent_user_id' => 7, 'agent_extension' => '1001', 'disposition' => 'answered',
        ]);
        $history = $this->createMock(\Bandeau\Cti\ViewModel\CallHistory::class);
        $history->method('getWrapUps')->willReturn([]);
        $history->method('getDirectionLabel')->willReturn('Inbound');
        $history->method('getDispositionLabel')->willReturn('Answered');
        $history->method('formatDuration')->willReturn('0:05');
        $block = new Template(['view_model' => $history, 'parties_view_model' => $this->parties(), 'calls' => [$call]]);
        $escaper = new Escaper();
        $html = (static function (string $file) use ($block, $escaper): string {
            ob_start();
            include $file;
            return (string)ob_get_clean();
        })(__DIR__ . '/../../../app/code/Bandeau/Cti/view/adminhtml/templates/call-table.phtml');
        self::assertStringContainsString('06 12 34 56 78', $html);
        self::assertStringContainsString('Anne &lt;b&gt;Martin&lt;/b&gt;', $html);
        self::assertStringContainsString('datetime="2026-11-30T15:50:00Z"', $html);
        self::assertStringContainsString('16:50', $html);
        self::assertStringNotContainsString('+33612345678', $html);
    }
}
