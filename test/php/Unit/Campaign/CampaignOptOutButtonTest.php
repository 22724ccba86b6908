<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Campaign;

use Bandeau\Cti\Block\Adminhtml\Campaign\OptOutButton;
use Bandeau\Cti\Model\Campaign\OptOut;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\FakeBackendUrl;
use Magento\Framework\App\Request\Http as Request;
use PHPUnit\Framework\TestCase;

class CampaignOptOutButtonTest extends TestCase
{
    private function button(array $params, bool $optedOut, array $perms = ['phone_bar']): array
    {
        $optOut = new class ($optedOut) extends OptOut {
            public function __construct(private bool $state)
            {
            }

            public function isOptedOut(int $customerId): bool
            {
                return $this->state;
            }
        };
        return (new OptOutButton(new Request($params), new FakeBackendUrl(), Builders::authorization($perms), $optOut))
            ->getButtonData();
    }

    public function testPostsTheToggleWithAConfirmation(): void
    {
        $data = $this->button(['id' => '42'], false);
        self::assertSame('No Campaign Calls', (string)$data['label']);
        self::assertStringStartsWith('deleteConfirm("This customer asked not to be called', $data['on_click']);
        self::assertStringContainsString('"https:\/\/shop.example.com\/admin_x1\/bandeau\/campaign\/optOut\/key\/a1b2c3\/"', $data['on_click']);
        self::assertStringEndsWith('{"data":{"customer_id":42,"optout":1}})', $data['on_click']);
        $data = $this->button(['id' => '42'], true);
        self::assertSame('Allow Campaign Calls', (string)$data['label']);
        self::assertStringEndsWith('{"data":{"customer_id":42,"optout":0}})', $data['on_click']);
    }

    public function testHiddenOnNewCustomersAndWithoutThePhoneBar(): void
    {
        self::assertSame([], $this->button([], false));
        self::assertSame([], $this->button(['id' => '42'], false, []));
    }
}
