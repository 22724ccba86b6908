<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Sql;

use Bandeau\Cti\Model\Agent\AgentAdministration;
use Bandeau\Cti\Model\Agent\AgentFieldsApplier;
use Bandeau\Cti\Model\Agent\ExtensionRule;
use Bandeau\Cti\Model\Agent\SoftphoneCredentials;
use Bandeau\Cti\Test\Support\AdminUserSaves;
use Bandeau\Cti\Test\Support\ArrayScopeConfig;
use Bandeau\Cti\Test\Support\PrefixEncryptor;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\Exception\LocalizedException;
use Magento\User\Model\User;

/**
 * Issue 14, finding 1: an agent could take any extension (the bridge trusts it) from My Account.
 * Each attack goes through the save Magento performs (AdminUserSaves) and the module's observer.
 */
class AgentFieldsTest extends SqlTestCase
{
    private const PHONE_BAR = ['Bandeau_Cti::phone_bar', 'Bandeau_Cti::dial'];
    private const AGENTS = [AgentAdministration::RESOURCE_AGENTS];
    private const USERS = [AgentAdministration::RESOURCE_USERS];
    private const MY_ACCOUNT_REFUSAL
        = 'Extensions and softphone accounts are set by an administrator, not in My Account. Nothing was saved.';
    private const NO_RIGHT_REFUSAL
        = 'Only a user allowed to manage phone agents may set extensions and SIP accounts. Nothing was saved.';

    private AdminUserSaves $saves;

    protected function setUp(): void
    {
        parent::setUp();
        $this->insert('admin_user', [
            'user_id' => 7, 'username' => 'ann', 'firstname' => 'Ann', 'bandeau_extension' => '1001',
            'bandeau_sip_username' => 'ann-sip', 'bandeau_sip_password' => 'enc:ann-pass',
        ]);
        $this->insert('admin_user', ['user_id' => 8, 'username' => 'bob', 'firstname' => 'Bob']);
        $this->insert('admin_user', ['user_id' => 9, 'username' => 'old', 'bandeau_extension' => 'trunk_out']);
        $this->saves = new AdminUserSaves($this->resource);
    }

    /** @return array<string, mixed> */
    private function stored(int $userId): array
    {
        return $this->db->fetchRow(
            'SELECT username, firstname, bandeau_extension, bandeau_sip_username, bandeau_sip_password'
            . ' FROM admin_user WHERE user_id = ?',
            [$userId]
        );
    }

    public function testAgentCannotTakeAnExtensionFromMyAccount(): void
    {
        $before = [7 => $this->stored(7), 8 => $this->stored(8)];
        foreach (['2002', '1001', 'trunk_out'] as $taken) {
            $error = $this->saves->myAccount(8, ['firstname' => 'Bobby', 'bandeau_extension' => $taken], self::PHONE_BAR);
            self::assertSame(self::MY_ACCOUNT_REFUSAL, $error, $taken);
        }
        self::assertSame($before, [7 => $this->stored(7), 8 => $this->stored(8)], 'nothing saved, not even the name');
    }

    public function testNoSoftphoneAccountFromMyAccountEither(): void
    {
        $before = $this->stored(8);
        self::assertSame(self::MY_ACCOUNT_REFUSAL, $this->saves->myAccount(8, ['bandeau_sip_username' => 'ann-sip'], self::PHONE_BAR));
        self::assertSame(self::MY_ACCOUNT_REFUSAL, $this->saves->myAccount(8, ['bandeau_sip_password' => 'guess'], self::PHONE_BAR));
        self::assertSame($before, $this->stored(8));
    }

    public function testMyAccountIsNotTheFormEvenForAUserWithTheRight(): void
    {
        $error = $this->saves->myAccount(8, ['bandeau_extension' => '2002'], array_merge(self::AGENTS, self::USERS));
        self::assertSame(self::MY_ACCOUNT_REFUSAL, $error);
        self::assertNull($this->stored(8)['bandeau_extension']);
    }

    public function testMyAccountStillSavesItsOwnFieldsAndKeepsAnUnchangedLegacyExtension(): void
    {
        self::assertNull($this->saves->myAccount(8, ['firstname' => 'Bobby'], self::PHONE_BAR));
        self::assertSame('Bobby', $this->stored(8)['firstname']);
        // The old form posted the value back unchanged; the stored one, outside the pattern, stays.
        self::assertNull($this->saves->myAccount(9, ['firstname' => 'Olga', 'bandeau_extension' => 'trunk_out'], self::PHONE_BAR));
        self::assertSame(['Olga', 'trunk_out'], [$this->stored(9)['firstname'], $this->stored(9)['bandeau_extension']]);
        self::assertNull($this->saves->myAccount(7, ['bandeau_sip_password' => AgentFieldsApplier::PASSWORD_PLACEHOLDER], self::PHONE_BAR));
        self::assertSame('enc:ann-pass', $this->stored(7)['bandeau_sip_password']);
    }

    public function testUserFormSaveWithoutTheRightIsRefused(): void
    {
        $before = [7 => $this->stored(7), 8 => $this->stored(8)];
        $posts = [
            ['firstname' => 'Bobby', 'bandeau_extension' => '2002'],
            ['bandeau_sip_username' => 'bob-sip'],
            ['bandeau_sip_password' => 'forged'],
        ];
        foreach ($posts as $post) {
            self::assertSame(self::NO_RIGHT_REFUSAL, $this->saves->userForm(8, $post, self::PHONE_BAR), json_encode($post));
        }
        self::assertSame($before, [7 => $this->stored(7), 8 => $this->stored(8)]);
        // Unchanged values (the read-only form posts none, an old page may) do not need the right.
        self::assertNull($this->saves->userForm(7, ['firstname' => 'Anna', 'bandeau_extension' => ' 1001 ',
            'bandeau_sip_password' => AgentFieldsApplier::PASSWORD_PLACEHOLDER], self::PHONE_BAR));
        self::assertSame(['Anna', '1001', 'enc:ann-pass'], [
            $this->stored(7)['firstname'], $this->stored(7)['bandeau_extension'], $this->stored(7)['bandeau_sip_password'],
        ]);
    }

    public function testEitherRightSetsExtensionAndSoftphoneAccount(): void
    {
        self::assertNull($this->saves->userForm(8, ['bandeau_extension' => '2002', 'bandeau_sip_username' => 'bob-sip',
            'bandeau_sip_password' => 's3cret'], self::AGENTS));
        $row = $this->stored(8);
        self::assertSame(['2002', 'bob-sip'], [$row['bandeau_extension'], $row['bandeau_sip_username']]);
        self::assertNotSame('s3cret', $row['bandeau_sip_password'], 'stored encrypted');
        self::assertSame('s3cret', (new PrefixEncryptor())->decrypt($row['bandeau_sip_password']));
        self::assertNull($this->saves->userForm(8, ['bandeau_extension' => '2003'], self::USERS));
        self::assertSame('2003', $this->stored(8)['bandeau_extension']);
        self::assertNull($this->saves->userForm(8, ['bandeau_extension' => ''], self::AGENTS));
        self::assertNull($this->stored(8)['bandeau_extension'], 'empty clears it (NULL: the unique key allows many)');
    }

    public function testExtensionsOutsideThePatternAreRefused(): void
    {
        foreach (['trunk_out', 'SIP/1001', '7', '123456789', '10 01', '*97', '１２３４'] as $bad) {
            $error = $this->saves->userForm(8, ['bandeau_extension' => $bad], self::AGENTS);
            self::assertSame(
                sprintf('The phone extension "%s" does not match ^[0-9]{2,8}$ (Stores > Configuration > Bandeau CTI > Agents).', trim($bad)),
                $error,
                $bad
            );
        }
        self::assertNull($this->stored(8)['bandeau_extension']);
        self::assertNull($this->saves->userForm(8, ['bandeau_extension' => '12345678'], self::AGENTS), 'eight digits');
    }

    public function testThePatternIsConfigurable(): void
    {
        $saves = new AdminUserSaves($this->resource, (new ArrayScopeConfig())->set(ExtensionRule::XML_PATH_PATTERN, '^7[0-9]{3}$'));
        self::assertNotNull($saves->userForm(8, ['bandeau_extension' => '2002'], self::AGENTS));
        self::assertNull($saves->userForm(8, ['bandeau_extension' => '7002'], self::AGENTS));
        self::assertSame('7002', $this->stored(8)['bandeau_extension']);

        $broken = new AdminUserSaves($this->resource, (new ArrayScopeConfig())->set(ExtensionRule::XML_PATH_PATTERN, '^[0-9'));
        self::assertSame(
            'The agent extension pattern (Stores > Configuration > Bandeau CTI > Agents) is not valid.',
            $broken->userForm(8, ['bandeau_extension' => '7003'], self::AGENTS)
        );
        self::assertSame('7002', $this->stored(8)['bandeau_extension']);
    }

    public function testExtensionOfAnotherUserIsRefusedWithAClearMessage(): void
    {
        self::assertSame(
            'Extension 1001 already belongs to admin user "ann": an extension can belong to one user only.',
            $this->saves->userForm(8, ['bandeau_extension' => ' 1001 '], self::AGENTS)
        );
        self::assertNull($this->stored(8)['bandeau_extension']);
        self::assertSame('1001', $this->stored(7)['bandeau_extension']);
    }

    public function testSoftphoneUsernameOfAnotherUserIsRefused(): void
    {
        self::assertSame(
            'Softphone username ann-sip already belongs to admin user "ann": one softphone account per user.',
            $this->saves->userForm(8, ['bandeau_sip_username' => 'ann-sip'], self::AGENTS)
        );
        self::assertNull($this->stored(8)['bandeau_sip_username']);
        self::assertSame(
            'The softphone username is not valid.',
            $this->saves->userForm(8, ['bandeau_sip_username' => 'bob@pbx'], self::AGENTS)
        );
    }

    public function testUniqueKeyAlsoRefusesDuplicates(): void
    {
        $this->expectException(\PDOException::class);
        $this->db->query('UPDATE admin_user SET bandeau_extension = ? WHERE user_id = ?', ['1001', 8]);
    }

    public function testSoftphonePasswordIsEncryptedAndPlaceholderKeepsIt(): void
    {
        $bob = new User(['user_id' => 8]);
        $applier = $this->saves->applier();
        $applier->apply($bob, ['bandeau_sip_username' => 'bob-sip', 'bandeau_sip_password' => 's3cret']);
        self::assertSame('bob-sip', $bob->getData('bandeau_sip_username'));
        self::assertNotSame('s3cret', $bob->getData('bandeau_sip_password'));
        self::assertSame(
            ['username' => 'bob-sip', 'password' => 's3cret'],
            (new SoftphoneCredentials(new PrefixEncryptor()))->get($bob)
        );
        $applier->apply($bob, ['bandeau_sip_password' => AgentFieldsApplier::PASSWORD_PLACEHOLDER]);
        self::assertFalse($bob->hasData('bandeau_sip_password'), 'not written: the stored one stays');
        self::assertNull((new SoftphoneCredentials(new PrefixEncryptor()))->get(new User(['user_id' => 8])));
    }

    public function testSavesByCodeAreCheckedButNeedNoRight(): void
    {
        $observe = fn (User $user) => $this->saves->observer(new Request(), [])
            ->execute(new Observer(['event' => new Event(['data_object' => $user])]));

        $legacy = (new User(['user_id' => 9, 'bandeau_extension' => 'trunk_out']))->setOrigData();
        $observe($legacy);
        self::assertSame('trunk_out', $legacy->getData('bandeau_extension'), 'loaded and unchanged: left alone');

        $bob = (new User(['user_id' => 8, 'bandeau_extension' => null]))->setOrigData();
        $observe($bob->setData('bandeau_extension', ' 2002 '));
        self::assertSame('2002', $bob->getData('bandeau_extension'));

        $this->expectException(LocalizedException::class);
        $observe($bob->setData('bandeau_extension', 'trunk_in'));
    }
}
