<?php

declare(strict_types=1);

namespace Magento\Framework\Notification;

/**
 * Stand-in: an admin system message (Magento\Framework\Notification\MessageList lists them).
 */
interface MessageInterface
{
    public const SEVERITY_CRITICAL = 1;
    public const SEVERITY_MAJOR = 2;
    public const SEVERITY_MINOR = 3;
    public const SEVERITY_NOTICE = 4;

    public function getIdentity();

    public function isDisplayed();

    public function getText();

    public function getSeverity();
}
