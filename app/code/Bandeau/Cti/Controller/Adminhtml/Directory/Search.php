<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Directory;

use Bandeau\Cti\Model\Lookup\DirectorySearch;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpPostActionInterface;
use Magento\Framework\Controller\Result\JsonFactory;
use Psr\Log\LoggerInterface;

/**
 * POST bandeau/directory/search (form_key, q): the phone bar's directory search, the people found
 * for a name, an e-mail or an order number with the numbers to call them on.
 * Answer: test/contract/admin.directory.response.json; errors: {"error": {"code", "message"}}.
 */
class Search extends Action implements HttpPostActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';

    /**
     * @param Context $context
     * @param JsonFactory $jsonFactory
     * @param DirectorySearch $search
     * @param LoggerInterface $logger
     */
    public function __construct(
        Context $context,
        private JsonFactory $jsonFactory,
        private DirectorySearch $search,
        private LoggerInterface $logger
    ) {
        parent::__construct($context);
    }

    /**
     * Answers the people found for `q` (400 for a missing or too long one).
     *
     * @return \Magento\Framework\Controller\Result\Json
     */
    public function execute()
    {
        $result = $this->jsonFactory->create();
        $result->setHeader('Cache-Control', 'no-store', true);
        $q = $this->getRequest()->getParam('q');
        if (!is_string($q) || trim($q) === '' || mb_strlen($q) > DirectorySearch::MAX_QUERY_LENGTH) {
            $result->setHttpResponseCode(400);
            return $result->setData(['error' => [
                'code' => 'invalid_query',
                'message' => (string)__(
                    'Type between 1 and %1 characters to search.',
                    DirectorySearch::MAX_QUERY_LENGTH
                ),
            ]]);
        }
        try {
            return $result->setData($this->search->search($q));
        } catch (\Throwable $e) {
            $this->logger->error('Bandeau: directory search failed: ' . $e->getMessage());
            $result->setHttpResponseCode(500);
            return $result->setData(['error' => [
                'code' => 'search_failed',
                'message' => (string)__('The directory search failed.'),
            ]]);
        }
    }
}
