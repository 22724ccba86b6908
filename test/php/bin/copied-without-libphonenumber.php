<?php

/**
 * The module as installed by copying app/code into a Magento that lacks giggsey/libphonenumber-for-php:
 * Composer's autoloader is told to forget that library, then what Magento would run is run.
 * Prints a JSON report; RequiredLibrariesTest reads it.
 */

declare(strict_types=1);

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Model\Phone\TelLink;
use Bandeau\Cti\Model\RequiredLibraries;
use Bandeau\Cti\Model\System\MissingLibrariesMessage;
use Bandeau\Cti\Observer\LinkCustomerFormPhone;
use Bandeau\Cti\Observer\ReindexCustomerPhones;
use Bandeau\Cti\Setup\Recurring;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\PhoneIndexerProxy;
use Bandeau\Cti\Test\Support\PhoneNormaliserProxy;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\DataObject;
use Magento\Framework\DB\Adapter\AdapterInterface;
use Magento\Framework\Escaper;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\Setup\ModuleContextInterface;
use Magento\Framework\Setup\SchemaSetupInterface;
use Psr\Log\AbstractLogger;

$loader = require dirname(__DIR__, 3) . '/vendor/autoload.php';
$loader->setPsr4('libphonenumber\\', []);

$report = ['libraryLoadable' => class_exists('libphonenumber\PhoneNumberUtil')];
$libraries = new RequiredLibraries();
$report['missing'] = $libraries->missing();

// bin/magento setup:upgrade runs Setup\Recurring.
try {
    (new Recurring($libraries))->install(
        new class implements SchemaSetupInterface {
        },
        new class implements ModuleContextInterface {
            public function getVersion()
            {
                return '';
            }
        }
    );
    $report['setupUpgrade'] = 'passed';
} catch (\Magento\Framework\Exception\LocalizedException $e) {
    $report['setupUpgrade'] = $e->getMessage();
}

$message = new MissingLibrariesMessage($libraries, new Escaper());
$report['adminMessage'] = $message->isDisplayed() ? $message->getText() : null;

// A customer address saved in the admin: the observers get the proxies of etc/di.xml.
$logger = new class extends AbstractLogger {
    public array $lines = [];

    public function log($level, string|\Stringable $message, array $context = []): void
    {
        $this->lines[] = $level . ': ' . $message;
    }
};
$config = Builders::config();
// The database gives the customer's address; nothing may be written: without libphonenumber the
// normaliser fails on the first number it reads (building it never needs the library).
$resource = new ResourceConnection(new class implements AdapterInterface {
    public function fetchAll($sql, $bind = [], $fetchMode = null)
    {
        return [[
            'source_id' => 5, 'customer_id' => 12, 'order_id' => null, 'quote_id' => null,
            'country_id' => 'FR', 'telephone' => '06 12 34 56 78',
        ]];
    }

    public function beginTransaction()
    {
        throw new \LogicException('nothing may be written');
    }

    public function commit()
    {
        throw new \LogicException('nothing may be written');
    }

    public function rollBack()
    {
        throw new \LogicException('nothing may be written');
    }

    public function query($sql, $bind = [])
    {
        throw new \LogicException('nothing may be written');
    }

    public function fetchRow($sql, $bind = [], $fetchMode = null)
    {
        return false;
    }

    public function fetchCol($sql, $bind = [])
    {
        return [];
    }

    public function fetchOne($sql, $bind = [])
    {
        return false;
    }

    public function insertOnDuplicate($table, array $data, array $fields = [])
    {
        throw new \LogicException('nothing may be written');
    }

    public function lastInsertId($tableName = null, $primaryKey = null)
    {
        return '0';
    }

    public function quoteIdentifier($ident, $auto = false)
    {
        return '`' . $ident . '`';
    }
});
$indexer = new PhoneIndexerProxy(fn () => new PhoneIndexer($resource, new PhoneNormaliser(), $config));
$report['saves'] = [];
try {
    $observer = new ReindexCustomerPhones($indexer, $logger);
    $observer->execute(new Observer(['event' => new Event([
        'customer_address' => new DataObject(['parent_id' => 12]),
    ])]));
    $report['saves']['customer_address_save_after'] = 'completed';
} catch (\Throwable $e) {
    $report['saves']['customer_address_save_after'] = 'threw ' . $e->getMessage();
}
try {
    $observer = new LinkCustomerFormPhone(
        $indexer,
        new PhoneNormaliserProxy(fn () => new PhoneNormaliser()),
        $config,
        $logger
    );
    $observer->execute(new Observer(['event' => new Event([
        'customer' => new class {
            public function getId(): int
            {
                return 12;
            }
        },
        'request' => new Request(['customer' => ['bandeau_phone' => '06 12 34 56 78']]),
    ])]));
    $report['saves']['adminhtml_customer_save_after'] = 'completed';
} catch (\Throwable $e) {
    $report['saves']['adminhtml_customer_save_after'] = 'threw ' . $e->getMessage();
}
$report['log'] = $logger->lines;

// Admin pages still render their tel: links (the extension is simply not split off).
$report['telLink'] = (new TelLink(new Escaper(), new PhoneNormaliser()))
    ->html('+33 6 12 34 56 78');

echo json_encode($report, JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT | JSON_THROW_ON_ERROR), "\n";
