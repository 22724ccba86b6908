<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Plugin;

use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Bandeau\Cti\Plugin\Customer\NewCustomerPhonePrefill;
use Magento\Customer\Model\Customer\DataProviderWithDefaultAddresses;
use Magento\Framework\App\Request\Http as Request;
use PHPUnit\Framework\TestCase;

class NewCustomerPhonePrefillTest extends TestCase
{
    private function prefill(array $params, array $data = []): array
    {
        $provider = new DataProviderWithDefaultAddresses($data);
        return (new NewCustomerPhonePrefill(new Request($params), new PhoneNormaliser()))->afterGetData($provider, $provider->getData());
    }

    public function testNewCustomerGetsTheNumberOnItsDefaultAddresses(): void
    {
        $result = $this->prefill(['bandeau_phone' => '+33612345678']);
        self::assertSame('+33612345678', $result['']['default_billing_address']['telephone']);
        self::assertSame('+33612345678', $result['']['default_shipping_address']['telephone']);
        self::assertSame(['bandeau_phone' => '+33612345678'], $result['']['customer'], 'shown on the form itself');
    }

    public function testKeepsWhatTheFormAlreadyHolds(): void
    {
        $result = $this->prefill(['bandeau_phone' => '+33612345678'], ['' => [
            'customer' => ['email' => 'a@example.com'],
            'default_billing_address' => ['telephone' => '01 02 03 04 05'],
        ]]);
        self::assertSame('01 02 03 04 05', $result['']['default_billing_address']['telephone']);
        self::assertSame('a@example.com', $result['']['customer']['email']);
    }

    public function testIgnoresInvalidNumbersAndExistingCustomers(): void
    {
        foreach (['0612345678', '+33 6 12', "+33612345678\n", '"><script>', '+0612345678', ['+33612345678']] as $bad) {
            self::assertSame([], $this->prefill(['bandeau_phone' => $bad]), var_export($bad, true));
        }
        $existing = [12 => ['customer' => ['entity_id' => 12]]];
        self::assertSame($existing, $this->prefill(['bandeau_phone' => '+33612345678', 'id' => '12'], $existing));
        self::assertSame([], $this->prefill([]));
    }
}
