<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Agent\AgentFieldsApplier;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Agent\SoftphoneCredentials;
use Bandeau\Cti\Observer\ApplyAgentFields;
use Bandeau\Cti\Test\Support\PrefixEncryptor;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\Exception\LocalizedException;
use Magento\User\Model\User;

class AgentFieldsTest extends SqlTestCase
{
    private AgentFieldsApplier $applier;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('admin_user', ['user_id' => 7, 'username' => 'ann', 'bandeau_extension' => '1001']);
        $this->insert('admin_user', ['user_id' => 8, 'username' => 'bob']);
        $this->applier = new AgentFieldsApplier($this->resource, new PrefixEncryptor(), new AgentProfile());
    }

    public function testExtensionOfAnotherUserIsRefusedWithAClearMessage(): void
    {
        $bob = new User(['user_id' => 8, 'username' => 'bob']);
        try {
            $this->applier->apply($bob, ['bandeau_extension' => ' 1001 ']);
            self::fail('two users got the same extension');
        } catch (LocalizedException $e) {
            self::assertSame(
                'Extension 1001 already belongs to admin user "ann": an extension can belong to one user only.',
                $e->getMessage()
            );
        }
    }

    public function testOwnExtensionFreeExtensionAndEmptyValue(): void
    {
        $ann = new User(['user_id' => 7, 'username' => 'ann']);
        $this->applier->apply($ann, ['bandeau_extension' => '1001']);
        self::assertSame('1001', $ann->getData('bandeau_extension'));

        $bob = new User(['user_id' => 8]);
        $this->applier->apply($bob, ['bandeau_extension' => '1002']);
        self::assertSame('1002', $bob->getData('bandeau_extension'));
        $this->applier->apply($bob, ['bandeau_extension' => '']);
        self::assertNull($bob->getData('bandeau_extension'), 'empty becomes NULL so the unique key allows many');

        $this->expectException(LocalizedException::class);
        $this->applier->apply($bob, ['bandeau_extension' => '10;01']);
    }

    public function testUniqueKeyAlsoRefusesDuplicates(): void
    {
        $this->expectException(\PDOException::class);
        $this->db->query('UPDATE admin_user SET bandeau_extension = ? WHERE user_id = ?', ['1001', 8]);
    }

    public function testSoftphonePasswordIsEncryptedAndPlaceholderKeepsIt(): void
    {
        $bob = new User(['user_id' => 8]);
        $this->applier->apply($bob, ['bandeau_sip_username' => 'bob-sip', 'bandeau_sip_password' => 's3cret']);
        self::assertSame('bob-sip', $bob->getData('bandeau_sip_username'));
        self::assertNotSame('s3cret', $bob->getData('bandeau_sip_password'));
        self::assertSame(
            ['username' => 'bob-sip', 'password' => 's3cret'],
            (new SoftphoneCredentials(new PrefixEncryptor()))->get($bob)
        );
        $this->applier->apply($bob, ['bandeau_sip_password' => AgentFieldsApplier::PASSWORD_PLACEHOLDER]);
        self::assertFalse($bob->hasData('bandeau_sip_password'), 'not written: the stored one stays');
        self::assertNull((new SoftphoneCredentials(new PrefixEncryptor()))->get(new User(['user_id' => 8])));
    }

    public function testObserverTakesMyAccountFieldsFromTheRequest(): void
    {
        $request = new Request([], 'POST', ['bandeau_extension' => '1001'], 'save', 'adminhtml_system_account_save');
        $observer = new Observer(['event' => new Event(['data_object' => new User(['user_id' => 8])])]);
        $this->expectException(LocalizedException::class);
        (new ApplyAgentFields($this->applier, $request))->execute($observer);
    }

    public function testObserverValidatesUserFormDataAndIgnoresOtherSaves(): void
    {
        $user = new User(['user_id' => 8, 'bandeau_extension' => '']);
        $request = new Request([], 'POST', [], 'save', 'adminhtml_user_save');
        (new ApplyAgentFields($this->applier, $request))
            ->execute(new Observer(['event' => new Event(['data_object' => $user])]));
        self::assertNull($user->getData('bandeau_extension'));

        $other = new User(['user_id' => 8, 'bandeau_sip_password' => 'keep']);
        (new ApplyAgentFields($this->applier, new Request()))
            ->execute(new Observer(['event' => new Event(['data_object' => $other])]));
        self::assertSame('keep', $other->getData('bandeau_sip_password'));
    }
}
