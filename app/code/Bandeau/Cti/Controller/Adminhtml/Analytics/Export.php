<?php

declare(strict_types=1);

namespace Bandeau\Cti\Controller\Adminhtml\Analytics;

use Bandeau\Cti\Api\CallStatsInterface;
use Bandeau\Cti\Model\Analytics\DashboardTables;
use Bandeau\Cti\Model\Analytics\FilterReader;
use Bandeau\Cti\Model\Export\CallCsv;
use Magento\Backend\App\Action;
use Magento\Backend\App\Action\Context;
use Magento\Framework\App\Action\HttpGetActionInterface;
use Magento\Framework\Controller\Result\RawFactory;

/**
 * GET bandeau/analytics/export?block=<block>&from=…&to=…&store=…&direction=…&agent=…: one dashboard
 * block's table as CSV, the same rows and columns the page shows (translated header row; figures as
 * raw numbers, text as shown). Same ACL and secret key as the dashboard.
 */
class Export extends Action implements HttpGetActionInterface
{
    public const ADMIN_RESOURCE = 'Bandeau_Cti::analytics';

    /**
     * @param Context $context
     * @param RawFactory $rawFactory
     * @param FilterReader $filterReader
     * @param CallStatsInterface $stats
     * @param DashboardTables $tables
     * @param CallCsv $csv
     */
    public function __construct(
        Context $context,
        private RawFactory $rawFactory,
        private FilterReader $filterReader,
        private CallStatsInterface $stats,
        private DashboardTables $tables,
        private CallCsv $csv
    ) {
        parent::__construct($context);
    }

    /**
     * Sends the block's table as a CSV download (400 for an unknown block).
     *
     * @return \Magento\Framework\Controller\Result\Raw
     */
    public function execute()
    {
        $block = $this->getRequest()->getParam('block');
        $result = $this->rawFactory->create();
        if (!is_string($block) || !in_array($block, DashboardTables::BLOCKS, true)) {
            $result->setHttpResponseCode(400);
            $result->setHeader('Content-Type', 'text/plain; charset=utf-8', true);
            return $result->setContents((string)__(
                'Unknown block; use one of: %1.',
                implode(', ', DashboardTables::BLOCKS)
            ));
        }
        $filter = $this->filterReader->read($this->getRequest());
        $table = $this->tables->table($block, $this->stats->figures($filter));
        $csv = $this->csv->line(array_map([$this->csv, 'sanitise'], $table['columns']));
        foreach ($table['rows'] as $row) {
            $csv .= $this->csv->line(array_map(
                fn (array $cell): string => $this->csv->sanitise($cell['value'] ?? $cell['text']),
                $row
            ));
        }
        $result->setHeader('Content-Type', 'text/csv; charset=utf-8', true);
        $result->setHeader(
            'Content-Disposition',
            sprintf('attachment; filename="call-analytics-%s-%s-to-%s.csv"', $block, $filter->from, $filter->to),
            true
        );
        $result->setHeader('Cache-Control', 'no-store', true);
        return $result->setContents($csv);
    }
}
