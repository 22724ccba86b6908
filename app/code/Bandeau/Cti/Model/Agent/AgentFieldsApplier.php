<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Encryption\EncryptorInterface;
use Magento\Framework\Exception\LocalizedException;
use Magento\User\Model\User;

/**
 * Validates the Bandeau fields set on an admin user (user form) and puts them on the user model
 * before it is saved: extensions match the configured pattern, one extension and one softphone
 * username per user, softphone password encrypted. Who may set them is the observer's business.
 */
class AgentFieldsApplier
{
    public const FIELD_SIP_USERNAME = 'bandeau_sip_username';
    public const FIELD_SIP_PASSWORD = 'bandeau_sip_password';
    /** Every Bandeau field of an admin user. */
    public const FIELDS = [AgentProfile::FIELD_EXTENSION, self::FIELD_SIP_USERNAME, self::FIELD_SIP_PASSWORD];
    /** What the form shows instead of a stored password. */
    public const PASSWORD_PLACEHOLDER = '******';

    /**
     * @param ResourceConnection $resource
     * @param EncryptorInterface $encryptor
     * @param ExtensionRule $extensionRule
     */
    public function __construct(
        private ResourceConnection $resource,
        private EncryptorInterface $encryptor,
        private ExtensionRule $extensionRule
    ) {
    }

    /**
     * The posted fields that would change what is stored for the user (a new password, another
     * extension or username); a value equal to the stored one once trimmed is no change.
     *
     * @param User $user loaded from the database (its original data is what is stored)
     * @param array<string,mixed> $posted
     * @return array<string,mixed> the changing subset of $posted
     */
    public function changes(User $user, array $posted): array
    {
        $changes = [];
        foreach ($posted as $field => $value) {
            if ($field === self::FIELD_SIP_PASSWORD) {
                $password = is_scalar($value) ? (string)$value : '';
                if ($password !== '' && $password !== self::PASSWORD_PLACEHOLDER) {
                    $changes[$field] = $value;
                }
            } elseif (in_array($field, self::FIELDS, true)) {
                if ($this->text($value) !== $this->text($user->getOrigData($field))) {
                    $changes[$field] = $value;
                }
            }
        }
        return $changes;
    }

    /**
     * Puts the posted extension and softphone account on the user, checked, before it is saved.
     *
     * @param User $user
     * @param array<string,mixed> $posted values from the form; absent keys leave the user alone
     * @throws LocalizedException with a message for the admin user
     */
    public function apply(User $user, array $posted): void
    {
        if (array_key_exists(AgentProfile::FIELD_EXTENSION, $posted)) {
            $extension = $this->extension($user, $posted[AgentProfile::FIELD_EXTENSION]);
            $user->setData(AgentProfile::FIELD_EXTENSION, $extension);
        }
        if (array_key_exists(self::FIELD_SIP_USERNAME, $posted)) {
            $user->setData(self::FIELD_SIP_USERNAME, $this->sipUsername($user, $posted[self::FIELD_SIP_USERNAME]));
        }
        if (array_key_exists(self::FIELD_SIP_PASSWORD, $posted)) {
            $password = (string)$posted[self::FIELD_SIP_PASSWORD];
            if ($password === '' || $password === self::PASSWORD_PLACEHOLDER) {
                $user->unsetData(self::FIELD_SIP_PASSWORD);
            } else {
                $user->setData(self::FIELD_SIP_PASSWORD, $this->encryptor->encrypt($password));
            }
        }
    }

    /**
     * The value as stored and compared: trimmed text, null when empty or not text.
     *
     * @param mixed $value
     * @return string|null
     */
    private function text(mixed $value): ?string
    {
        $text = is_scalar($value) ? trim((string)$value) : '';
        return $text === '' ? null : $text;
    }

    /**
     * The posted softphone username, trimmed; null to clear it; refused when invalid or another user's.
     *
     * @param User $user
     * @param mixed $value
     * @throws LocalizedException
     */
    private function sipUsername(User $user, mixed $value): ?string
    {
        $sipUser = is_scalar($value) ? trim((string)$value) : '';
        if ($sipUser === '') {
            return null;
        }
        if (strlen($sipUser) > 64 || preg_match('/[\s\x00-\x1f\x7f@:;]/', $sipUser)) {
            throw new LocalizedException(__('The softphone username is not valid.'));
        }
        $owner = $this->owner('bandeau_sip_username', $sipUser, $user);
        if ($owner !== null) {
            throw new LocalizedException(__(
                'Softphone username %1 already belongs to admin user "%2": one softphone account per user.',
                $sipUser,
                $owner
            ));
        }
        return $sipUser;
    }

    /**
     * The username of another admin user holding this value in the column, or null.
     *
     * @param string $column
     * @param string $value
     * @param User $user the user being saved (not another)
     * @return string|null
     */
    private function owner(string $column, string $value, User $user): ?string
    {
        $connection = $this->resource->getConnection();
        $owner = $connection->fetchRow(
            sprintf(
                'SELECT username FROM %s WHERE %s = ? AND user_id <> ?',
                $connection->quoteIdentifier($this->resource->getTableName('admin_user')),
                $connection->quoteIdentifier($column)
            ),
            [$value, (int)$user->getId()]
        );
        return is_array($owner) ? (string)$owner['username'] : null;
    }

    /**
     * The posted extension, normalised; null to clear it; refused when invalid or taken by another user.
     *
     * @param User $user
     * @param mixed $value
     * @throws LocalizedException
     */
    private function extension(User $user, mixed $value): ?string
    {
        $raw = is_scalar($value) ? trim((string)$value) : '';
        if ($raw === '') {
            return null;
        }
        if (!$this->extensionRule->isPatternUsable()) {
            throw new LocalizedException(
                __('The agent extension pattern (Stores > Configuration > Bandeau CTI > Agents) is not valid.')
            );
        }
        if (!$this->extensionRule->allows($raw)) {
            throw new LocalizedException(__(
                'The phone extension "%1" does not match %2 (Stores > Configuration > Bandeau CTI > Agents).',
                $raw,
                $this->extensionRule->getPattern()
            ));
        }
        $owner = $this->owner(AgentProfile::FIELD_EXTENSION, $raw, $user);
        if ($owner !== null) {
            throw new LocalizedException(__(
                'Extension %1 already belongs to admin user "%2": an extension can belong to one user only.',
                $raw,
                $owner
            ));
        }
        return $raw;
    }
}
