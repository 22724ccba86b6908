<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\User\Model\User;

/**
 * Reads the Bandeau fields stored on an admin user (columns of admin_user).
 */
class AgentProfile
{
    public const FIELD_EXTENSION = 'bandeau_extension';
    /** The characters the bridge accepts in an extension. */
    public const EXTENSION_PATTERN = '/^[0-9A-Za-z*#_-]{1,32}$/';

    /**
     * The user's extension, or null when empty or not a valid extension.
     *
     * @param User $user
     */
    public function getExtension(User $user): ?string
    {
        return $this->normaliseExtension($user->getData(self::FIELD_EXTENSION));
    }

    /**
     * Display name: first and last name, or the username when both are empty.
     *
     * @param User $user
     */
    public function getDisplayName(User $user): string
    {
        return $this->displayName($user->getFirstName(), $user->getLastName(), $user->getUserName());
    }

    /**
     * Display name from admin_user's columns: first and last name, or the username when both are empty.
     *
     * @param mixed $firstName
     * @param mixed $lastName
     * @param mixed $userName
     * @return string
     */
    public function displayName($firstName, $lastName, $userName): string
    {
        $full = trim((string)$firstName . ' ' . (string)$lastName);
        $name = trim((string)preg_replace('/\s+/u', ' ', $full));
        if ($name === '') {
            $name = trim((string)$userName);
        }
        return mb_substr($name, 0, 255);
    }

    /**
     * The trimmed extension when it is one the bridge accepts (EXTENSION_PATTERN), else null.
     *
     * @param mixed $value
     * @return string|null
     */
    public function normaliseExtension($value): ?string
    {
        if ($value === null || is_array($value) || is_object($value)) {
            return null;
        }
        $extension = trim((string)$value);
        return preg_match(self::EXTENSION_PATTERN, $extension) ? $extension : null;
    }
}
