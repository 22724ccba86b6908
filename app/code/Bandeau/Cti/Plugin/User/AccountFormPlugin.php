<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\User;

use Bandeau\Cti\Model\Agent\AgentFormFields;
use Magento\Backend\Block\System\Account\Edit\Form;
use Magento\Backend\Model\Auth\Session as AuthSession;

/**
 * Shows the user's own extension and softphone username, read-only, in Account Setting (My Account):
 * they are set on the user form by a user allowed to manage phone agents (ApplyAgentFields).
 */
class AccountFormPlugin
{
    /**
     * @param AgentFormFields $fields
     * @param AuthSession $authSession
     */
    public function __construct(private AgentFormFields $fields, private AuthSession $authSession)
    {
    }

    /**
     * Adds the read-only Bandeau fieldset to the My Account form before it is rendered.
     *
     * @param Form $subject
     */
    public function beforeGetFormHtml(Form $subject): void
    {
        $form = $subject->getForm();
        if ($form === null) {
            return;
        }
        $this->fields->addTo($form, $this->authSession->getUser(), false);
    }
}
