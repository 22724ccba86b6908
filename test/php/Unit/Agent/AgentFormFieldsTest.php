<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Agent;

use Bandeau\Cti\Model\Agent\AgentFormFields;
use Bandeau\Cti\Plugin\User\AccountFormPlugin;
use Bandeau\Cti\Plugin\User\UserFormPlugin;
use Bandeau\Cti\Test\Support\Builders;
use Magento\Backend\Block\System\Account\Edit\Form as AccountForm;
use Magento\Backend\Model\Auth\Session;
use Magento\Framework\Data\Form;
use Magento\Framework\Registry;
use Magento\User\Block\User\Edit\Tab\Main;
use PHPUnit\Framework\TestCase;

class AgentFormFieldsTest extends TestCase
{
    public function testUserFormGetsTheFieldsWithTheEditedUsersValues(): void
    {
        $form = new Form();
        $registry = new Registry();
        $registry->register('permissions_user', Builders::user(['bandeau_sip_username' => 'ann-sip', 'bandeau_sip_password' => 'enc:x']));
        $plugin = new UserFormPlugin(new AgentFormFields(), $registry);
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

    public function testAccountFormUsesTheLoggedInUser(): void
    {
        $form = new Form();
        $session = new Session();
        $session->setUser(Builders::user(['bandeau_extension' => '2002']));
        (new AccountFormPlugin(new AgentFormFields(), $session))->beforeGetFormHtml(new AccountForm($form));
        self::assertSame('2002', $form->getElement('bandeau_extension')->getData('value'));
        self::assertSame('', $form->getElement('bandeau_sip_password')->getData('value'));
    }

    public function testNewUserFormHasEmptyFields(): void
    {
        $form = new Form();
        (new UserFormPlugin(new AgentFormFields(), new Registry()))->beforeGetFormHtml(new Main($form));
        self::assertSame('', $form->getElement('bandeau_extension')->getData('value'));
        (new UserFormPlugin(new AgentFormFields(), new Registry()))->beforeGetFormHtml(new Main(null));
    }
}
