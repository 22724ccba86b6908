<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Model\Lookup\OrderStatusLabels;
use Magento\Framework\Phrase;
use Magento\Sales\Model\Order\Config as OrderConfig;
use PHPUnit\Framework\TestCase;

/**
 * Order statuses in the phone bar's card (issue 13): Magento's label for the status, translated
 * into the admin user's language, never the raw code.
 */
class OrderStatusLabelsTest extends TestCase
{
    protected function tearDown(): void
    {
        Phrase::$dictionary = [];
    }

    public function testTheLabelOfMagentosOrderStatusConfigurationNotTheCode(): void
    {
        $labels = new OrderStatusLabels(new OrderConfig(['processing' => 'Processing', 'fraud' => 'Suspected Fraud', 'vip' => 'Gold customer, check stock']));
        self::assertSame('Processing', $labels->label('processing'));
        self::assertSame('Suspected Fraud', $labels->label('fraud'));
        self::assertSame('Gold customer, check stock', $labels->label('vip'));
    }

    public function testAStatusWithoutALabelReadsAsItsWords(): void
    {
        $labels = new OrderStatusLabels(new OrderConfig([]));
        self::assertSame('Pending Payment', $labels->label('pending_payment'));
        self::assertSame('Holded', $labels->label('holded'));
        self::assertSame('', $labels->label(''));
    }

    public function testTranslatedIntoTheAdminsLanguageWithTheModulesFrenchForMagentosDefaults(): void
    {
        $rows = array_map('str_getcsv', file(__DIR__ . '/../../../../app/code/Bandeau/Cti/i18n/fr_FR.csv', FILE_IGNORE_NEW_LINES));
        Phrase::$dictionary = array_column($rows, 1, 0);
        $labels = new OrderStatusLabels(new OrderConfig([
            'pending' => 'Pending', 'processing' => 'Processing', 'complete' => 'Complete', 'closed' => 'Closed',
            'canceled' => 'Canceled', 'holded' => 'On Hold', 'fraud' => 'Suspected Fraud', 'payment_review' => 'Payment Review',
        ]));
        $codes = ['pending', 'processing', 'complete', 'closed', 'canceled', 'holded', 'fraud', 'payment_review', 'pending_payment'];
        $french = array_map([$labels, 'label'], $codes);
        self::assertSame([
            'À traiter', 'En cours de traitement', 'Terminée', 'Clôturée', 'Annulée', 'Suspendue', 'Fraude suspectée',
            'Paiement en vérification', 'En attente de paiement',
        ], $french);
    }

    public function testEachStatusIsLookedUpOnce(): void
    {
        $config = new class extends OrderConfig {
            public int $calls = 0;

            public function getStatusLabel($code)
            {
                $this->calls++;
                return 'Processing';
            }
        };
        $labels = new OrderStatusLabels($config);
        $labels->label('processing');
        $labels->label('processing');
        self::assertSame(1, $config->calls);
    }
}
