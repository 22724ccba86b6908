<?php

declare(strict_types=1);

namespace Bandeau\Cti\Observer;

use Bandeau\Cti\Model\Agent\AgentFieldsApplier;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Magento\Framework\App\RequestInterface;
use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Magento\User\Model\User;

/**
 * admin_user_save_before: validates and applies the Bandeau fields posted from the user form or
 * My Account (whose controller copies only its own fields onto the user).
 */
class ApplyAgentFields implements ObserverInterface
{
    /** Full action names whose POST carries the Bandeau fields. */
    public const FORM_ACTIONS = ['adminhtml_user_save', 'adminhtml_system_account_save'];

    private const FIELDS = [
        AgentProfile::FIELD_EXTENSION,
        AgentFieldsApplier::FIELD_SIP_USERNAME,
        AgentFieldsApplier::FIELD_SIP_PASSWORD,
    ];

    /**
     * @param AgentFieldsApplier $applier
     * @param RequestInterface $request
     */
    public function __construct(private AgentFieldsApplier $applier, private RequestInterface $request)
    {
    }

    /**
     * Puts the Bandeau fields posted with the user form or My Account on the user before it is saved.
     *
     * @param Observer $observer
     */
    public function execute(Observer $observer)
    {
        $user = $observer->getEvent()->getData('data_object');
        if (!$user instanceof User) {
            return;
        }
        $posted = [];
        $fromForm = method_exists($this->request, 'getFullActionName')
            && in_array($this->request->getFullActionName(), self::FORM_ACTIONS, true);
        foreach (self::FIELDS as $field) {
            if ($fromForm && $this->request->getParam($field) !== null) {
                $posted[$field] = $this->request->getParam($field);
            } elseif ($user->hasData($field) && $field === AgentProfile::FIELD_EXTENSION) {
                $posted[$field] = $user->getData($field);
            }
        }
        if ($posted !== []) {
            $this->applier->apply($user, $posted);
        }
    }
}
