<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Framework\Encryption\EncryptorInterface;

/**
 * Reversible stand-in for Magento's encryptor: "enc:" + base64, so tests can tell an encrypted
 * value from a plain one. Like Magento's, decrypting text that was never encrypted (or decrypting
 * twice) does not give the text back but garbage; '' stays ''.
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
        if ($data === '') {
            return '';
        }
        if (str_starts_with($data, self::PREFIX)) {
            $plain = base64_decode(substr($data, strlen(self::PREFIX)), true);
            if ($plain !== false) {
                return $plain;
            }
        }
        // Magento runs the cipher over whatever it is given: bytes unrelated to the input.
        return self::garbage($data);
    }

    public static function garbage(string $data): string
    {
        return "\u{FFFD}" . substr(hash('sha256', 'not encrypted:' . $data), 0, 24);
    }
}
