<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Model;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Config\Source\Direction;
use Bandeau\Cti\Model\Config\Source\Disposition;
use PHPUnit\Framework\TestCase;

class SourceModelsTest extends TestCase
{
    public function testOptionsCoverTheContractValues(): void
    {
        self::assertSame(CallInterface::DIRECTIONS, array_column((new Direction())->toOptionArray(), 'value'));
        self::assertSame(CallInterface::DISPOSITIONS, array_column((new Disposition())->toOptionArray(), 'value'));
    }
}
