<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Lookup;

use Bandeau\Cti\Model\Lookup\PhoneBarLookup;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Psr\Log\LoggerInterface;

/**
 * POST bandeau/lookup/index (form_key, phone): the phone bar's screen pop (customer cards for a
 * number). POST only, the number in the body: a number in a URL ends up in access logs and
 * proxies' logs, which keep it beyond the module's retention. A GET is not routed (404); a
 * number sent in the query string is not read.
 * Answer: test/contract/admin.lookup.response.json; errors: {"error": {"code", "message"}}.
 */
class Index extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param PhoneBarLookup $lookup
     * @param LoggerInterface $logger
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private PhoneBarLookup $lookup,
        private LoggerInterface $logger
    ) {
        parent::__construct($context);
    }

    /**
     * Answers the customer cards of a caller's number (400 for a missing or too long one).
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $result->setHeader('Cache-Control', 'no-store', true);
        $phone = $this->getRequest()->getPostValue('phone');
        if (!is_string($phone) || trim($phone) === '' || strlen($phone) > PhoneBarLookup::MAX_PHONE_LENGTH) {
            $result->setHttpResponseCode(400);
            return $result->setData(['error' => [
                'code' => 'invalid_phone',
                'message' => (string)__('A phone number of at most %1 characters is required.', 64),
            ]]);
        }
        try {
            return $result->setData($this->lookup->lookup($phone));
        } catch (\Throwable $e) {
            $this->logger->error('Bandeau: caller lookup failed: ' . $e->getMessage());
            $result->setHttpResponseCode(500);
            return $result->setData(['error' => [
                'code' => 'lookup_failed',
                'message' => (string)__('Caller lookup failed'),
            ]]);
        }
    }
}
