<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Phone\PhoneIndexer;

/**
 * Stand-in for Magento's generated Bandeau\Cti\Model\Phone\PhoneIndexer\Proxy (etc/di.xml gives it
 * to the save observers): extends the class, builds the real indexer on the first call.
 */
class PhoneIndexerProxy extends PhoneIndexer
{
    private ?PhoneIndexer $subject = null;

    /**
     * @param \Closure(): PhoneIndexer $factory what Magento's object manager would do
     */
    public function __construct(private \Closure $factory)
    {
    }

    private function subject(): PhoneIndexer
    {
        return $this->subject ??= ($this->factory)();
    }

    public function reindexCustomer(int $customerId): void
    {
        $this->subject()->reindexCustomer($customerId);
    }

    public function reindexOrder(int $orderId): void
    {
        $this->subject()->reindexOrder($orderId);
    }

    public function reindexQuote(int $quoteId): void
    {
        $this->subject()->reindexQuote($quoteId);
    }

    public function indexCustomerNumber(int $customerId, string $e164, string $asWritten): void
    {
        $this->subject()->indexCustomerNumber($customerId, $e164, $asWritten);
    }
}
