<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Framework\AuthorizationInterface;

/**
 * ACL stand-in: allows exactly the listed resources.
 */
class StaticAuthorization implements AuthorizationInterface
{
    /** @var string[] */
    public array $asked = [];

    /**
     * @param string[] $allowed
     */
    public function __construct(private array $allowed = [])
    {
    }

    public function isAllowed($resource, $privilege = null)
    {
        $this->asked[] = $resource;
        return in_array($resource, $this->allowed, true);
    }
}
