<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Magento\Framework\AuthorizationInterface;

/**
 * The agent permissions carried in the token, and the ACL resources they come from.
 */
class Permissions
{
    public const PHONE_BAR = 'phone_bar';
    public const DIAL = 'dial';
    public const ALL_CALLS = 'all_calls';
    public const CAMPAIGNS = 'campaigns';

    public const RESOURCE_ROOT = 'Bandeau_Cti::cti';
    public const RESOURCE_PHONE_BAR = 'Bandeau_Cti::phone_bar';
    public const RESOURCE_DIAL = 'Bandeau_Cti::dial';
    public const RESOURCE_ALL_CALLS = 'Bandeau_Cti::all_calls';
    public const RESOURCE_CAMPAIGNS = 'Bandeau_Cti::campaigns';
    public const RESOURCE_CONFIG = 'Bandeau_Cti::config';
    public const RESOURCE_API = 'Bandeau_Cti::api';

    /** Token permission => ACL resource, in the order they appear in the token. */
    public const MAP = [
        self::PHONE_BAR => self::RESOURCE_PHONE_BAR,
        self::DIAL => self::RESOURCE_DIAL,
        self::ALL_CALLS => self::RESOURCE_ALL_CALLS,
        self::CAMPAIGNS => self::RESOURCE_CAMPAIGNS,
    ];

    /**
     * @param AuthorizationInterface $authorization
     */
    public function __construct(private AuthorizationInterface $authorization)
    {
    }

    /**
     * Token permissions the current admin user's role grants.
     *
     * @return string[]
     */
    public function granted(): array
    {
        $granted = [];
        foreach (self::MAP as $permission => $resource) {
            if ($this->authorization->isAllowed($resource)) {
                $granted[] = $permission;
            }
        }
        return $granted;
    }

    /**
     * Whether the logged-in admin user's role grants a token permission (phone_bar, dial, …).
     *
     * @param string $permission
     * @return bool
     */
    public function isAllowed(string $permission): bool
    {
        return isset(self::MAP[$permission]) && (bool)$this->authorization->isAllowed(self::MAP[$permission]);
    }
}
