<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\System;

use Bandeau\Cti\Model\RequiredLibraries;
use Magento\Framework\Escaper;
use Magento\Framework\Notification\MessageInterface;

/**
 * Admin system message (top of every admin page) while a library the module needs is missing:
 * caller lookup, the phone index and agent tokens cannot work until it is installed.
 */
class MissingLibrariesMessage implements MessageInterface
{
    public const IDENTITY = 'bandeau_cti_missing_libraries';

    /**
     * @param RequiredLibraries $libraries
     * @param Escaper $escaper
     */
    public function __construct(private RequiredLibraries $libraries, private Escaper $escaper)
    {
    }

    /**
     * @inheritdoc
     */
    public function getIdentity()
    {
        return self::IDENTITY;
    }

    /**
     * @inheritdoc
     */
    public function isDisplayed()
    {
        return $this->libraries->missing() !== [];
    }

    /**
     * The message, as HTML (Magento prints system messages unescaped).
     *
     * @return string
     */
    public function getText()
    {
        return (string)$this->escaper->escapeHtml((string)__(
            'Bandeau CTI is missing PHP libraries (%1): no caller lookup, phone index or phone bar. Run %2.',
            implode(', ', array_keys($this->libraries->missing())),
            $this->libraries->composerCommand()
        ));
    }

    /**
     * @inheritdoc
     */
    public function getSeverity()
    {
        return self::SEVERITY_CRITICAL;
    }
}
