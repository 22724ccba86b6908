<?php

declare(strict_types=1);

namespace Magento\Backend\Model;

interface UrlInterface extends \Magento\Framework\UrlInterface
{
    public const SECRET_KEY_PARAM_NAME = 'key';

    public function useSecretKey();
}
