<?php

declare(strict_types=1);

namespace Magento\Framework\Exception;

use Magento\Framework\Phrase;

class InputException extends LocalizedException
{
    public function __construct(?Phrase $phrase = null, ?\Exception $cause = null, $code = 0)
    {
        parent::__construct($phrase ?? new Phrase('One or more input exceptions have occurred.'), $cause, $code);
    }
}
