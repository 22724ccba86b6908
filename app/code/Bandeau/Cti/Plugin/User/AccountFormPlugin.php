<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\User;

use Bandeau\Cti\Model\Agent\AgentFormFields;
use Magento\Backend\Block\System\Account\Edit\Form;
use Magento\Backend\Model\Auth\Session as AuthSession;

/**
 * Adds the Bandeau fields to Account Setting (My Account).
 */
class AccountFormPlugin
{
    public function __construct(private AgentFormFields $fields, private AuthSession $authSession)
    {
    }

    public function beforeGetFormHtml(Form $subject): void
    {
        $form = $subject->getForm();
        if ($form === null) {
            return;
        }
        $this->fields->addTo($form, $this->authSession->getUser());
    }
}
