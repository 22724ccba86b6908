<?php

declare(strict_types=1);

namespace Magento\Backend\App;

abstract class Action extends AbstractAction
{
}
