<?php

/**
 * One agent of the claim stress test (test/php/Sql/CampaignClaimTest.php): claims contacts and
 * records an outcome for each until nothing is left, then prints the claimed contact ids as JSON.
 *
 *   php CampaignClaimWorker.php DSN DATABASE AGENT_ID CAMPAIGN_IDS NOW STRATEGY
 */

declare(strict_types=1);

use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Campaign\ContactClaimer;
use Bandeau\Cti\Model\Campaign\ContactEvents;
use Bandeau\Cti\Model\Campaign\IdList;
use Bandeau\Cti\Model\Campaign\OptOut;
use Bandeau\Cti\Model\Campaign\OutcomeRecorder;
use Bandeau\Cti\Model\Campaign\Tables;
use Bandeau\Cti\Model\Campaign\UtcTime;
use Bandeau\Cti\Test\Support\PdoAdapter;
use Magento\Framework\App\ResourceConnection;

require dirname(__DIR__, 3) . '/vendor/autoload.php';

[, $dsn, $database, $agentId, $campaignIds, $now, $strategy] = $argv;
$db = PdoAdapter::fromUrl($dsn);
$db->getPdo()->exec('USE `' . str_replace('`', '', $database) . '`');
$tables = new Tables(new ResourceConnection($db));
$claimer = new ContactClaimer($tables, new UtcTime(), 900, $strategy);
$recorder = new OutcomeRecorder(
    $tables,
    new CampaignRepository($tables, new IdList()),
    new OptOut($tables),
    new UtcTime(),
    new ContactEvents($tables, new UtcTime())
);
$campaigns = array_map('intval', explode(',', $campaignIds));
$claimed = [];
while (($contactId = $claimer->claim((int)$agentId, $campaigns, (int)$now)) !== null) {
    $claimed[] = $contactId;
    $recorder->record((int)$agentId, $contactId, 'not_interested', '', null, null, (int)$now);
}
echo json_encode($claimed), "\n";
