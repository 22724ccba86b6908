<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\User;

use Bandeau\Cti\Model\Agent\AgentAdministration;
use Bandeau\Cti\Model\Agent\AgentFormFields;
use Magento\Framework\Registry;
use Magento\User\Block\User\Edit\Tab\Main;
use Magento\User\Model\User;

/**
 * Adds the Bandeau fields to System > Permissions > All Users > (user) > User Info: editable for
 * a user allowed to manage phone agents, read-only otherwise (the save refuses changes anyway).
 */
class UserFormPlugin
{
    /**
     * @param AgentFormFields $fields
     * @param Registry $registry
     * @param AgentAdministration $administration
     */
    public function __construct(
        private AgentFormFields $fields,
        private Registry $registry,
        private AgentAdministration $administration
    ) {
    }

    /**
     * The form is built in the protected _prepareForm(); extend it just before it is rendered.
     *
     * @param Main $subject
     */
    public function beforeGetFormHtml(Main $subject): void
    {
        $form = $subject->getForm();
        if ($form === null) {
            return;
        }
        $user = $this->registry->registry('permissions_user');
        $this->fields->addTo(
            $form,
            $user instanceof User ? $user : null,
            $this->administration->mayManageAgents()
        );
    }
}
