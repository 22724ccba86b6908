<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Encryption\EncryptorInterface;
use Magento\Framework\Exception\LocalizedException;
use Magento\User\Model\User;

/**
 * Validates the Bandeau fields posted with an admin user (user form or My Account) and puts
 * them on the user model before it is saved: one extension per user, softphone password encrypted.
 */
class AgentFieldsApplier
{
    public const FIELD_SIP_USERNAME = 'bandeau_sip_username';
    public const FIELD_SIP_PASSWORD = 'bandeau_sip_password';
    /** What the form shows instead of a stored password. */
    public const PASSWORD_PLACEHOLDER = '******';

    /**
     * @param ResourceConnection $resource
     * @param EncryptorInterface $encryptor
     * @param AgentProfile $agentProfile
     */
    public function __construct(
        private ResourceConnection $resource,
        private EncryptorInterface $encryptor,
        private AgentProfile $agentProfile
    ) {
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
            $sipUser = trim((string)$posted[self::FIELD_SIP_USERNAME]);
            if (strlen($sipUser) > 64 || preg_match('/[\s\x00-\x1f\x7f@:;]/', $sipUser)) {
                throw new LocalizedException(__('The softphone username is not valid.'));
            }
            $user->setData(self::FIELD_SIP_USERNAME, $sipUser === '' ? null : $sipUser);
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
        $extension = $this->agentProfile->normaliseExtension($raw);
        if ($extension === null) {
            throw new LocalizedException(__(
                'The phone extension "%1" is not valid: use up to 32 digits, letters, *, #, _ or -.',
                $raw
            ));
        }
        $connection = $this->resource->getConnection();
        $owner = $connection->fetchRow(
            sprintf(
                'SELECT user_id, username FROM %s WHERE bandeau_extension = ? AND user_id <> ?',
                $connection->quoteIdentifier($this->resource->getTableName('admin_user'))
            ),
            [$extension, (int)$user->getId()]
        );
        if (is_array($owner)) {
            throw new LocalizedException(__(
                'Extension %1 already belongs to admin user "%2": an extension can belong to one user only.',
                $extension,
                (string)$owner['username']
            ));
        }
        return $extension;
    }
}
