<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone;

/**
 * The token a desk phone shows the bridge, as the bridge computes it (bridge/src/phones/deviceToken.ts):
 * the first 32 hex digits of HMAC-SHA256(shared secret, "bandeau-phone:v{version}:{extension}").
 * Bumping the version on both sides changes every phone's token.
 */
class DeviceToken
{
    public const LENGTH = 32;

    /**
     * The device token of an extension.
     *
     * @param string $secret the shared secret (plain text)
     * @param int $version token version, at least 1
     * @param string $extension
     * @return string 32 lowercase hex digits
     */
    public function forExtension(string $secret, int $version, string $extension): string
    {
        $message = sprintf('bandeau-phone:v%d:%s', $version, $extension);
        return substr(hash_hmac('sha256', $message, $secret), 0, self::LENGTH);
    }
}
