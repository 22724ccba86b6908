<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Worker;

use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\Controller\Result\RawFactory;
use Magento\Framework\View\Asset\Repository as AssetRepository;

/**
 * GET bandeau/worker/script: the SharedWorker's script at a stable same-origin admin URL
 * (no secret key, so every page builds the same worker URL). It only imports the versioned
 * bundle, which may sit on a CDN and changes with every static content deploy.
 */
class Script extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::phone_bar';
    public const BUNDLE_FILE_ID = 'Bandeau_Cti::js/bandeau-worker.js';

    /**
     * The URL carries no secret key: the worker URL must be identical on every page.
     *
     * @var string[]
     */
    protected $_publicActions = ['script']; // phpcs:ignore PSR2.Classes.PropertyDeclaration.Underscore

    /**
     * @param Context $context
     * @param RawFactory $rawFactory
     * @param AssetRepository $assetRepository
     */
    public function __construct(
        Context $context,
        private RawFactory $rawFactory,
        private AssetRepository $assetRepository
    ) {
        parent::__construct($context);
    }

    /**
     * The SharedWorker script: importScripts() of the versioned worker bundle.
     *
     * @return \Magento\Framework\Controller\Result\Raw
     */
    public function execute()
    {
        $bundleUrl = $this->assetRepository->getUrl(self::BUNDLE_FILE_ID);
        $body = 'importScripts('
            . json_encode($bundleUrl, JSON_UNESCAPED_SLASHES | JSON_HEX_TAG | JSON_THROW_ON_ERROR)
            . ");\n";
        $result = $this->rawFactory->create();
        $result->setHeader('Content-Type', 'application/javascript', true);
        $result->setHeader('Cache-Control', 'no-cache', true);
        $result->setHeader('X-Content-Type-Options', 'nosniff', true);
        return $result->setContents($body);
    }
}
