<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Exception\LocalizedException;

/**
 * The contact is not (or no longer) held by this agent: HTTP 409 for the phone bar.
 */
class ContactUnavailableException extends LocalizedException
{
}
