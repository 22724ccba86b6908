<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Agent\AgentAdministration;
use Bandeau\Cti\Model\Agent\AgentFieldsApplier;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Magento\Framework\Exception\LocalizedException;
use Magento\User\Model\User;

/**
 * admin_user_save_before: the extension and softphone account of an admin user are set on the
 * user form by a user allowed to manage phone agents, never from My Account. A refused change
 * throws, which aborts the save: nothing of the user is written, and the form shows the message.
 */
class ApplyAgentFields implements ObserverInterface
{
    public const ACTION_USER_SAVE = 'adminhtml_user_save';
    public const ACTION_ACCOUNT_SAVE = 'adminhtml_system_account_save';
    /** Full action names whose POST may carry the Bandeau fields. */
    public const FORM_ACTIONS = [self::ACTION_USER_SAVE, self::ACTION_ACCOUNT_SAVE];

    /**
     * @param AgentFieldsApplier $applier
     * @param RequestInterface $request
     * @param AgentAdministration $administration
     */
    public function __construct(
        private AgentFieldsApplier $applier,
        private RequestInterface $request,
        private AgentAdministration $administration
    ) {
    }

    /**
     * Checks who changes the Bandeau fields of the user being saved, then validates and applies them.
     *
     * @param Observer $observer
     * @throws LocalizedException when the change is not allowed or not valid
     */
    public function execute(Observer $observer)
    {
        $user = $observer->getEvent()->getData('data_object');
        if (!$user instanceof User) {
            return;
        }
        $action = method_exists($this->request, 'getFullActionName')
            ? (string)$this->request->getFullActionName()
            : '';
        if (!in_array($action, self::FORM_ACTIONS, true)) {
            // Code saving a user (setup, CLI, other modules) is trusted, but its values are still checked.
            $this->applier->apply($user, $this->changedByCode($user));
            return;
        }
        $posted = [];
        foreach (AgentFieldsApplier::FIELDS as $field) {
            if ($this->request->getParam($field) !== null) {
                $posted[$field] = $this->request->getParam($field);
            }
        }
        $changes = $this->applier->changes($user, $posted);
        $myAccount = $action === self::ACTION_ACCOUNT_SAVE;
        if ($changes !== [] && $myAccount) {
            throw new LocalizedException(__(
                'Extensions and softphone accounts are set by an administrator, not in My Account. Nothing was saved.'
            ));
        }
        if ($changes !== [] && !$this->administration->mayManageAgents()) {
            throw new LocalizedException(__(
                'Only a user allowed to manage phone agents may set extensions and SIP accounts. Nothing was saved.'
            ));
        }
        if ($myAccount) {
            // Magento's My Account save copies only its own fields: an unchanged value is left alone.
            return;
        }
        // The user form's save put every posted value on the user: write only what changes.
        foreach (array_keys(array_diff_key($posted, $changes)) as $field) {
            $user->unsetData($field);
        }
        $this->applier->apply($user, $changes);
    }

    /**
     * The extension and softphone username set on the user by code since it was loaded.
     *
     * @param User $user
     * @return array<string,mixed>
     */
    private function changedByCode(User $user): array
    {
        $changed = [];
        foreach ([AgentProfile::FIELD_EXTENSION, AgentFieldsApplier::FIELD_SIP_USERNAME] as $field) {
            if ($user->hasData($field) && $this->applier->changes($user, [$field => $user->getData($field)])) {
                $changed[$field] = $user->getData($field);
            }
        }
        return $changed;
    }
}
