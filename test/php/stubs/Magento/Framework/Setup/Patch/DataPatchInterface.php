<?php

declare(strict_types=1);

namespace Magento\Framework\Setup\Patch;

/** Stand-in for Magento's interface of the same name (2.4.6). */
interface DataPatchInterface extends PatchInterface
{
}
