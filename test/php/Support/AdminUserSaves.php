<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Model\Agent\AgentAdministration;
use Bandeau\Cti\Model\Agent\AgentFieldsApplier;
use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Agent\ExtensionRule;
use Bandeau\Cti\Observer\ApplyAgentFields;
use Magento\Framework\App\Request\Http as Request;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Event;
use Magento\Framework\Event\Observer;
use Magento\Framework\Exception\LocalizedException;
use Magento\User\Model\User;

/**
 * The two admin saves of a user, as Magento 2.4.6 performs them around the module's observer:
 * - System > Permissions > All Users > Save (Magento\User\Controller\Adminhtml\User\Save):
 *   loads the user, replaces its data with the whole POST (setData), then saves;
 * - My Account > Save (Magento\Backend\Controller\Adminhtml\System\Account\Save): loads the
 *   logged-in user and copies only username, names and email from the POST, then saves.
 * Saving dispatches admin_user_save_before; the user resource writes, inside one transaction,
 * the columns of admin_user the user has data for. A LocalizedException rolls the save back and
 * both controllers show its message: that is the return value here (null when saved).
 */
final class AdminUserSaves
{
    public function __construct(
        private ResourceConnection $resource,
        private ArrayScopeConfig $scopeConfig = new ArrayScopeConfig()
    ) {
    }

    /**
     * @param string[] $resources ACL resources of the acting admin user's role
     */
    public function userForm(int $userId, array $post, array $resources): ?string
    {
        $user = $this->load($userId);
        $user->setData(array_merge($post, ['user_id' => $userId]));
        return $this->save($user, new Request([], 'POST', $post, 'save', ApplyAgentFields::ACTION_USER_SAVE), $resources);
    }

    /**
     * @param string[] $resources ACL resources of the logged-in admin user's role
     */
    public function myAccount(int $userId, array $post, array $resources): ?string
    {
        $user = $this->load($userId);
        foreach (['username', 'firstname', 'lastname', 'email'] as $field) {
            if (isset($post[$field])) {
                $user->setData($field, $post[$field]);
            }
        }
        $request = new Request([], 'POST', $post, 'save', ApplyAgentFields::ACTION_ACCOUNT_SAVE);
        return $this->save($user, $request, $resources);
    }

    public function applier(): AgentFieldsApplier
    {
        return new AgentFieldsApplier($this->resource, new PrefixEncryptor(), $this->extensionRule());
    }

    public function extensionRule(): ExtensionRule
    {
        return new ExtensionRule($this->scopeConfig, new AgentProfile());
    }

    /**
     * @param string[] $resources
     */
    public function observer(Request $request, array $resources): ApplyAgentFields
    {
        return new ApplyAgentFields(
            $this->applier(),
            $request,
            new AgentAdministration(new StaticAuthorization($resources))
        );
    }

    private function load(int $userId): User
    {
        $row = $this->resource->getConnection()->fetchRow('SELECT * FROM admin_user WHERE user_id = ?', [$userId]);
        $user = new User(is_array($row) ? $row : []);
        $user->setOrigData();
        return $user;
    }

    /**
     * @param string[] $resources
     */
    private function save(User $user, Request $request, array $resources): ?string
    {
        $connection = $this->resource->getConnection();
        $connection->beginTransaction();
        try {
            $this->observer($request, $resources)
                ->execute(new Observer(['event' => new Event(['data_object' => $user, 'name' => 'admin_user_save_before'])]));
            $columns = array_flip($connection->fetchCol(
                'SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
                ['admin_user']
            ));
            $data = array_intersect_key($user->getData(), $columns);
            unset($data['user_id']);
            if ($data !== []) {
                $connection->query(
                    'UPDATE admin_user SET ' . implode(', ', array_map(static fn ($c) => "`$c` = ?", array_keys($data)))
                    . ' WHERE user_id = ?',
                    array_merge(array_values($data), [(int)$user->getId()])
                );
            }
            $connection->commit();
            return null;
        } catch (LocalizedException $e) {
            $connection->rollBack();
            return $e->getMessage();
        }
    }
}
