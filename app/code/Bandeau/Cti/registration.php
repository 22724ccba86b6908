<?php

/**
 * Bandeau CTI: registers the Magento module.
 */

declare(strict_types=1);

use Magento\Framework\Component\ComponentRegistrar;

ComponentRegistrar::register(ComponentRegistrar::MODULE, 'Bandeau_Cti', __DIR__);
