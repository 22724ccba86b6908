<?php

/**
 * Stand-in for Magento's global translation function (lib/internal/Magento/Framework/Phrase/__.php).
 */

declare(strict_types=1);

if (!function_exists('__')) {
    /**
     * @param mixed ...$argc
     * @return \Magento\Framework\Phrase
     */
    function __(...$argc)
    {
        $text = array_shift($argc);
        if (!empty($argc) && is_array($argc[0])) {
            $argc = $argc[0];
        }
        return new \Magento\Framework\Phrase((string)$text, $argc);
    }
}
