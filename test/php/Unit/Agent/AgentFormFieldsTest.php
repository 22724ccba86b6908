<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Agent;

use Bandeau\Cti\Model\Agent\AgentAdministration;
use Bandeau\Cti\Model\Agent\AgentFormFields;
use Bandeau\Cti\Plugin\User\AccountFormPlugin;
use Bandeau\Cti\Plugin\User\UserFormPlugin;
use Bandeau\Cti\Test\Support\Builders;
use Bandeau\Cti\Test\Support\StaticAuthorization;
use Magento\Backend\Block\System\Account\Edit\Form as AccountForm;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\Data\Form;
use Magento\Framework\Registry;
use Magento\User\Block\User\Edit\Tab\Main;
use PHPUnit\Framework\TestCase;

class AgentFormFieldsTest extends TestCase
{
    private static function administration(array $resources = [AgentAdministration::RESOURCE_USERS]): AgentAdministration
    {
        return new AgentAdministration(new StaticAuthorization($resources));
    }

    public function testUserFormGetsTheFieldsWithTheEditedUsersValues(): void
    {
        $form = new Form();
        $registry = new Registry();
        $registry->register('permissions_user', Builders::user(['bandeau_sip_username' => 'ann-sip', 'bandeau_sip_password' => 'enc:x']));
        $plugin = new UserFormPlugin(new AgentFormFields(), $registry, self::administration());
        $plugin->beforeGetFormHtml(new Main($form));
        $plugin->beforeGetFormHtml(new Main($form));

        self::assertNotNull($form->getElement(AgentFormFields::FIELDSET_ID));
        self::assertCount(3, $form->getElement(AgentFormFields::FIELDSET_ID)->getElements(), 'added once');
        self::assertSame('1001', $form->getElement('bandeau_extension')->getData('value'));
        self::assertSame('ann-sip', $form->getElement('bandeau_sip_username')->getData('value'));
        $password = $form->getElement('bandeau_sip_password');
        self::assertSame('obscure', $password->getType());
        self::assertSame('******', $password->getData('value'), 'the stored password never reaches the page');
    }

    public function testAccountFormShowsTheLoggedInUsersValuesReadOnly(): void
    {
        $form = new Form();
        $session = new Session();
        $session->setUser(Builders::user(['bandeau_extension' => '2002', 'bandeau_sip_username' => 'ann-sip',
            'bandeau_sip_password' => 'enc:x']));
        (new AccountFormPlugin(new AgentFormFields(), $session))->beforeGetFormHtml(new AccountForm($form));
        $this->assertReadOnly($form, '2002', 'ann-sip');
    }

    public function testUserFormIsReadOnlyWithoutTheRightToManageAgents(): void
    {
        $registry = new Registry();
        $registry->register('permissions_user', Builders::user());
        $form = new Form();
        (new UserFormPlugin(new AgentFormFields(), $registry, self::administration(['Bandeau_Cti::phone_bar'])))
            ->beforeGetFormHtml(new Main($form));
        $this->assertReadOnly($form, '1001', '');

        $form = new Form();
        (new UserFormPlugin(new AgentFormFields(), $registry, self::administration([AgentAdministration::RESOURCE_AGENTS])))
            ->beforeGetFormHtml(new Main($form));
        self::assertSame('text', $form->getElement('bandeau_extension')->getType(), 'Bandeau_Cti::agents is enough');
    }

    private function assertReadOnly(Form $form, string $extension, string $sipUsername): void
    {
        $elements = $form->getElement(AgentFormFields::FIELDSET_ID)->getElements();
        self::assertSame(['bandeau_extension', 'bandeau_sip_username'], array_keys($elements), 'no password field');
        foreach ($elements as $element) {
            self::assertSame('label', $element->getType(), 'shown as text: no input, nothing posted');
            self::assertNull($element->getData('name'));
        }
        self::assertSame($extension, $elements['bandeau_extension']->getData('value'));
        self::assertSame($sipUsername, $elements['bandeau_sip_username']->getData('value'));
    }

    public function testNewUserFormHasEmptyFields(): void
    {
        $form = new Form();
        (new UserFormPlugin(new AgentFormFields(), new Registry(), self::administration()))->beforeGetFormHtml(new Main($form));
        self::assertSame('', $form->getElement('bandeau_extension')->getData('value'));
        (new UserFormPlugin(new AgentFormFields(), new Registry(), self::administration()))->beforeGetFormHtml(new Main(null));
    }
}
