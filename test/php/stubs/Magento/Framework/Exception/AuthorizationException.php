<?php

declare(strict_types=1);

namespace Magento\Framework\Exception;

class AuthorizationException extends LocalizedException
{
}
