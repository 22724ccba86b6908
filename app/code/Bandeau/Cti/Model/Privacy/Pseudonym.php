<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Privacy;

/**
 * Keyed hash of a phone number (HMAC-SHA256, first 128 bits, "h:" prefix), computed by the database
 * so that retention and erasure stay single statements. Without the key nobody can tell which
 * number a pseudonym stands for; with it (Magento's configuration), a known number can be
 * checked: this is pseudonymisation, not anonymisation.
 */
class Pseudonym
{
    public const PREFIX = 'h:';
    private const HEX_LENGTH = 32;
    private const BLOCK = 64;

    /**
     * @param RetentionMode $retentionMode
     */
    public function __construct(private RetentionMode $retentionMode)
    {
    }

    /**
     * Whether a key is configured (directly or through the shared secret).
     *
     * @return bool
     */
    public function isAvailable(): bool
    {
        return $this->retentionMode->getPseudonymKey() !== '';
    }

    /**
     * The pseudonym of a value, computed in PHP (same result as the SQL).
     *
     * @param string $value
     * @return string
     */
    public function of(string $value): string
    {
        $hmac = hash_hmac('sha256', $value, $this->retentionMode->getPseudonymKey());
        return self::PREFIX . substr($hmac, 0, self::HEX_LENGTH);
    }

    /**
     * SQL computing the pseudonym of an expression, with its two binds (outer then inner pad).
     *
     * The key itself never appears in the statement text.
     *
     * @param string $expression SQL expression of the number (a column)
     * @return array{0: string, 1: array<int, string>}
     */
    public function sql(string $expression): array
    {
        $key = $this->retentionMode->getPseudonymKey();
        if (strlen($key) > self::BLOCK) {
            $key = hash('sha256', $key, true);
        }
        $key = str_pad($key, self::BLOCK, "\0");
        $inner = $key ^ str_repeat("\x36", self::BLOCK);
        $outer = $key ^ str_repeat("\x5c", self::BLOCK);
        $sql = sprintf(
            'CONCAT(\'%s\', LEFT(SHA2(CONCAT(UNHEX(?), UNHEX(SHA2(CONCAT(UNHEX(?), %s), 256))), 256), %d))',
            self::PREFIX,
            $expression,
            self::HEX_LENGTH
        );
        return [$sql, [bin2hex($outer), bin2hex($inner)]];
    }
}
