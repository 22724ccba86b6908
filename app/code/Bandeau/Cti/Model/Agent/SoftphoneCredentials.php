<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\Framework\Encryption\EncryptorInterface;
use Magento\User\Model\User;

/**
 * The admin user's softphone (SIP) credentials, decrypted for the softphone session.
 */
class SoftphoneCredentials
{
    /**
     * @param EncryptorInterface $encryptor
     */
    public function __construct(private EncryptorInterface $encryptor)
    {
    }

    /**
     * The user's SIP username and decrypted password.
     *
     * @param User $user
     * @return array{username: string, password: string}|null null when not set
     */
    public function get(User $user): ?array
    {
        $username = trim((string)$user->getData(AgentFieldsApplier::FIELD_SIP_USERNAME));
        $stored = (string)$user->getData(AgentFieldsApplier::FIELD_SIP_PASSWORD);
        if ($username === '' || $stored === '') {
            return null;
        }
        $password = (string)$this->encryptor->decrypt($stored);
        return $password === '' ? null : ['username' => $username, 'password' => $password];
    }
}
