<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Phone\PhoneNormaliser;

/**
 * Stand-in for Magento's generated Bandeau\Cti\Model\Phone\PhoneNormaliser\Proxy: builds the real
 * normaliser (and so touches libphonenumber) on the first call only.
 */
class PhoneNormaliserProxy extends PhoneNormaliser
{
    private ?PhoneNormaliser $subject = null;

    /**
     * @param \Closure(): PhoneNormaliser $factory what Magento's object manager would do
     */
    public function __construct(private \Closure $factory)
    {
    }

    private function subject(): PhoneNormaliser
    {
        return $this->subject ??= ($this->factory)();
    }

    public function toE164(?string $raw, string $region): ?string
    {
        return $this->subject()->toE164($raw, $region);
    }
}
