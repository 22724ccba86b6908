<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Framework\Encryption\EncryptorInterface;

/**
 * Reversible stand-in for Magento's encryptor: "enc:" + base64, so tests can tell
 * an encrypted value from a plain one. Values without the prefix decrypt to themselves.
 */
class PrefixEncryptor implements EncryptorInterface
{
    public const PREFIX = 'enc:';

    public function encrypt($data)
    {
        return self::PREFIX . base64_encode((string)$data);
    }

    public function decrypt($data)
    {
        $data = (string)$data;
        if (str_starts_with($data, self::PREFIX)) {
            return (string)base64_decode(substr($data, strlen(self::PREFIX)), true);
        }
        return $data;
    }
}
