<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\Framework\Data\Form;
use Magento\User\Model\User;

/**
 * Adds the "Bandeau CTI" fieldset (extension, softphone username and password) to an admin
 * user form: editable on the user edit page for users allowed to manage phone agents, shown
 * read-only (no input, so nothing is posted) in My Account and to other users.
 */
class AgentFormFields
{
    public const FIELDSET_ID = 'bandeau_cti_fieldset';

    /**
     * Adds the "Bandeau CTI" fieldset (extension, softphone account) to a user form, once.
     *
     * @param Form $form
     * @param User|null $user
     * @param bool $editable false: the values are shown as text, the password not at all
     */
    public function addTo(Form $form, ?User $user, bool $editable = true): void
    {
        if ($form->getElement(self::FIELDSET_ID) !== null) {
            return;
        }
        $fieldset = $form->addFieldset(self::FIELDSET_ID, ['legend' => __('Bandeau CTI')]);
        $extension = $user === null ? '' : (string)$user->getData(AgentProfile::FIELD_EXTENSION);
        $sipUsername = $user === null ? '' : (string)$user->getData(AgentFieldsApplier::FIELD_SIP_USERNAME);
        if (!$editable) {
            $fieldset->addField(AgentProfile::FIELD_EXTENSION, 'label', [
                'label' => __('Phone Extension'),
                'title' => __('Phone Extension'),
                'note' => __('Set by a user allowed to manage phone agents (System > Permissions > All Users).'),
                'value' => $extension,
            ]);
            $fieldset->addField(AgentFieldsApplier::FIELD_SIP_USERNAME, 'label', [
                'label' => __('Softphone Username'),
                'title' => __('Softphone Username'),
                'value' => $sipUsername,
            ]);
            return;
        }
        $fieldset->addField(AgentProfile::FIELD_EXTENSION, 'text', [
            'name' => AgentProfile::FIELD_EXTENSION,
            'label' => __('Phone Extension'),
            'title' => __('Phone Extension'),
            'note' => __('The extension of this user\'s phone on the PBX. One extension per user.'),
            'class' => 'validate-length maximum-length-32',
            'value' => $extension,
        ]);
        $fieldset->addField(AgentFieldsApplier::FIELD_SIP_USERNAME, 'text', [
            'name' => AgentFieldsApplier::FIELD_SIP_USERNAME,
            'label' => __('Softphone Username'),
            'title' => __('Softphone Username'),
            'class' => 'validate-length maximum-length-64',
            'value' => $sipUsername,
        ]);
        $hasPassword = $user !== null && (string)$user->getData(AgentFieldsApplier::FIELD_SIP_PASSWORD) !== '';
        $fieldset->addField(AgentFieldsApplier::FIELD_SIP_PASSWORD, 'obscure', [
            'name' => AgentFieldsApplier::FIELD_SIP_PASSWORD,
            'label' => __('Softphone Password'),
            'title' => __('Softphone Password'),
            'note' => __('Stored encrypted. Leave unchanged to keep the current password.'),
            'value' => $hasPassword ? AgentFieldsApplier::PASSWORD_PLACEHOLDER : '',
        ]);
    }
}
