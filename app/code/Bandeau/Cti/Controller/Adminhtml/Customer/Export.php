<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Customer;

use Bandeau\Cti\Model\Access\CallVisibility;
use Bandeau\Cti\Model\Export\CallCsv;
use Bandeau\Cti\Model\Privacy\DataSubjectCalls;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\Controller\Result\RawFactory;

/**
 * GET bandeau/customer/export/customer_id/N: one customer's calls as CSV (access requests): the
 * same set as erasure (DataSubjectCalls), linked calls and unlinked calls from their numbers.
 */
class Export extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::all_calls';

    /**
     * @param Context $context
     * @param RawFactory $rawFactory
     * @param DataSubjectCalls $dataSubject
     * @param CallCsv $csv
     */
    public function __construct(
        Context $context,
        private RawFactory $rawFactory,
        private DataSubjectCalls $dataSubject,
        private CallCsv $csv
    ) {
        parent::__construct($context);
    }

    /**
     * Needs "manage customers" too, as every screen showing all of a customer's calls (CallVisibility).
     *
     * @return bool
     */
    protected function _isAllowed() // phpcs:ignore PSR2.Methods.MethodDeclaration.Underscore
    {
        return parent::_isAllowed() && $this->_authorization->isAllowed(CallVisibility::RESOURCE_CUSTOMERS);
    }

    /**
     * Sends the customer's calls as a CSV download (400 without a customer).
     *
     * @return \Magento\Framework\Controller\Result\Raw
     */
    public function execute()
    {
        $customerId = (int)$this->getRequest()->getParam('customer_id');
        $result = $this->rawFactory->create();
        if ($customerId <= 0) {
            $result->setHttpResponseCode(400);
            $result->setHeader('Content-Type', 'text/plain; charset=utf-8', true);
            return $result->setContents((string)__('A customer is required.'));
        }
        $calls = $this->dataSubject->listCalls($customerId);
        $result->setHeader('Content-Type', 'text/csv; charset=utf-8', true);
        $result->setHeader(
            'Content-Disposition',
            sprintf('attachment; filename="customer-%d-calls.csv"', $customerId),
            true
        );
        $result->setHeader('Cache-Control', 'no-store', true);
        return $result->setContents($this->csv->build($calls));
    }
}
