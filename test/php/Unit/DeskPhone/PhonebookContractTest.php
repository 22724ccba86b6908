<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\DeskPhone;

use Bandeau\Cti\Api\PhonebookInterface;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookEntry;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookPage;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookPhone;
use Bandeau\Cti\Model\DeskPhone\Data\PhonebookStaff;
use Bandeau\Cti\Test\Support\RestOutput;
use Bandeau\Cti\Test\Support\WebapiOutput;
use PHPUnit\Framework\TestCase;

/**
 * GET /V1/bandeau/phonebook as Magento's webapi writes it from the service contract is exactly the
 * contract files the bridge's phone book sync reads (test/contract/phonebook*.json).
 */
class PhonebookContractTest extends TestCase
{
    public function testFirstPage(): void
    {
        $page = new PhonebookPage(
            [
                new PhonebookEntry(12, 'Jeanne Dupont', 'Wholesale', [
                    new PhonebookPhone('+33612345678', 'customer_address'),
                    new PhonebookPhone('+33142685300', 'order_address'),
                ]),
                new PhonebookEntry(57, 'Zhang Wei', 'General', [new PhonebookPhone('+8613800138000', 'quote_address')]),
            ],
            [new PhonebookStaff('Camille Martin', '7001'), new PhonebookStaff('Sales desk', '201')],
            57
        );
        $written = WebapiOutput::process($page, PhonebookInterface::class, 'getPage');
        self::assertSame(RestOutput::contract('phonebook.response.json'), $written);
        self::assertStringEndsWith('"next_after_id":57}', WebapiOutput::json($page, PhonebookInterface::class, 'getPage'));
    }

    public function testLastPageWritesNextAfterIdAsNull(): void
    {
        $page = new PhonebookPage(
            [new PhonebookEntry(60, 'Mona Haddad', 'Retailer', [new PhonebookPhone('+33698765432', 'customer_form')])],
            [],
            null
        );
        $written = WebapiOutput::process($page, PhonebookInterface::class, 'getPage');
        self::assertSame(RestOutput::contract('phonebook.last.response.json'), $written);
        self::assertStringEndsWith(
            '"staff":[],"next_after_id":null}',
            WebapiOutput::json($page, PhonebookInterface::class, 'getPage')
        );
    }

    public function testQueryParametersAreTheServiceParameters(): void
    {
        // Magento's webapi maps GET query parameters to the service method's parameter names.
        $parameters = (new \ReflectionMethod(PhonebookInterface::class, 'getPage'))->getParameters();
        self::assertSame(['afterId', 'limit'], array_map(static fn (\ReflectionParameter $p) => $p->getName(), $parameters));
        self::assertSame(0, $parameters[0]->getDefaultValue());
        self::assertSame(1000, $parameters[1]->getDefaultValue());
    }
}
