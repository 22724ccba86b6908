<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Campaign;

use Bandeau\Cti\Model\Agent\AgentDirectory;
use Bandeau\Cti\Model\Campaign\BuildScheduler;
use Bandeau\Cti\Model\Campaign\CampaignFormParser;
use Bandeau\Cti\Model\Campaign\CampaignRepository;
use Bandeau\Cti\Model\Clock\ClockInterface;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\RedirectFactory;
use Magento\Framework\Exception\LocalizedException;
use Magento\Framework\Message\ManagerInterface;

/**
 * POST bandeau/campaign/save: creates the campaign and starts its build (at once when small,
 * through the message queue otherwise), then shows its page.
 */
class Save extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::campaigns';

    /**
     * @param Context $context
     * @param RedirectFactory $redirectFactory
     * @param ManagerInterface $messages
     * @param AuthSession $authSession
     * @param CampaignFormParser $parser
     * @param CampaignRepository $repository
     * @param BuildScheduler $scheduler
     * @param ClockInterface $clock
     * @param AgentDirectory $agentDirectory
     */
    public function __construct(
        Context $context,
        private RedirectFactory $redirectFactory,
        private ManagerInterface $messages,
        private AuthSession $authSession,
        private CampaignFormParser $parser,
        private CampaignRepository $repository,
        private BuildScheduler $scheduler,
        private ClockInterface $clock,
        private AgentDirectory $agentDirectory
    ) {
        parent::__construct($context);
    }

    /**
     * Creates the campaign from the form and starts its build, then shows it.
     *
     * @return \Magento\Framework\Controller\Result\Redirect
     */
    public function execute()
    {
        $redirect = $this->redirectFactory->create();
        $user = $this->authSession->getUser();
        $agents = array_column($this->agentDirectory->agents(), 'id');
        try {
            $form = $this->parser->parse(
                (array)$this->getRequest()->getParams(),
                $this->clock->now(),
                $user !== null && $user->getId() ? (int)$user->getId() : null,
                $agents
            );
        } catch (LocalizedException $e) {
            $this->messages->addErrorMessage($e->getMessage());
            return $redirect->setPath('bandeau/campaign/new');
        }
        $id = $this->repository->create($form['campaign'], $form['agentIds']);
        try {
            $mode = $this->scheduler->schedule($id);
            $this->messages->addSuccessMessage($mode === BuildScheduler::MODE_INLINE
                ? __('Campaign "%1" is ready.', $form['campaign']->name)
                : __('Campaign "%1" is being built in the background.', $form['campaign']->name));
        } catch (\Throwable $e) {
            $this->messages->addErrorMessage(__('The campaign could not be built: %1', $e->getMessage()));
        }
        return $redirect->setPath('bandeau/campaign/view', ['id' => $id]);
    }
}
