<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Phone\PhoneNormaliser;

/**
 * Stand-in for Magento's generated Bandeau\Cti\Model\Phone\PhoneNormaliser\Proxy: every public method
 * goes to the real normaliser, built on the first call only.
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

    public function extension(?string $raw): ?string
    {
        return $this->subject()->extension($raw);
    }

    public function regionFor(?string $country, string $fallback): string
    {
        return $this->subject()->regionFor($country, $fallback);
    }

    public function isE164(?string $value): bool
    {
        return $this->subject()->isE164($value);
    }
}
