<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Agent;

use Magento\Framework\Data\Form;
use Magento\User\Model\User;

/**
 * Adds the "Bandeau CTI" fieldset (extension, softphone username and password) to an admin
 * user form: the user edit page and My Account.
 */
class AgentFormFields
{
    public const FIELDSET_ID = 'bandeau_cti_fieldset';

    /**
     * Adds the "Bandeau CTI" fieldset (extension, softphone account) to a user form, once.
     *
     * @param Form $form
     * @param User|null $user
     */
    public function addTo(Form $form, ?User $user): void
    {
        if ($form->getElement(self::FIELDSET_ID) !== null) {
            return;
        }
        $fieldset = $form->addFieldset(self::FIELDSET_ID, ['legend' => __('Bandeau CTI')]);
        $fieldset->addField(AgentProfile::FIELD_EXTENSION, 'text', [
            'name' => AgentProfile::FIELD_EXTENSION,
            'label' => __('Phone Extension'),
            'title' => __('Phone Extension'),
            'note' => __('The extension of this user\'s phone on the PBX. One extension per user.'),
            'class' => 'validate-length maximum-length-32',
            'value' => $user === null ? '' : (string)$user->getData(AgentProfile::FIELD_EXTENSION),
        ]);
        $fieldset->addField(AgentFieldsApplier::FIELD_SIP_USERNAME, 'text', [
            'name' => AgentFieldsApplier::FIELD_SIP_USERNAME,
            'label' => __('Softphone Username'),
            'title' => __('Softphone Username'),
            'class' => 'validate-length maximum-length-64',
            'value' => $user === null ? '' : (string)$user->getData(AgentFieldsApplier::FIELD_SIP_USERNAME),
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
