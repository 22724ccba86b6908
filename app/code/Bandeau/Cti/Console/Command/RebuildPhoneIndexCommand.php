<?php

declare(strict_types=1);

namespace Bandeau\Cti\Console\Command;

use Bandeau\Cti\Model\Phone\PhoneIndexer;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Helper\ProgressBar;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * bin/magento bandeau:phone-index:rebuild [--batch-size=5000]
 *
 * Rebuilds the E.164 caller index from customer, order and quote addresses, with a progress bar.
 * Registered in etc/di.xml (Magento\Framework\Console\CommandListInterface, commands argument); the
 * indexer comes through its generated proxy so that bin/magento does not open the database at boot.
 */
class RebuildPhoneIndexCommand extends Command
{
    public const NAME = 'bandeau:phone-index:rebuild';
    public const OPTION_BATCH_SIZE = 'batch-size';

    /**
     * @param PhoneIndexer $indexer
     */
    public function __construct(private PhoneIndexer $indexer)
    {
        parent::__construct(self::NAME);
    }

    /**
     * Declares bandeau:phone-index:rebuild and its --batch-size option.
     */
    protected function configure(): void
    {
        $this->setDescription('Rebuilds the Bandeau CTI phone index (E.164) from customer, order and quote addresses')
            ->addOption(
                self::OPTION_BATCH_SIZE,
                null,
                InputOption::VALUE_REQUIRED,
                'Addresses read per batch',
                (string)PhoneIndexer::DEFAULT_BATCH_SIZE
            );
    }

    /**
     * Rebuilds the index with a progress bar and prints the count and the time taken.
     *
     * @param InputInterface $input
     * @param OutputInterface $output
     * @return int
     */
    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $batchSize = (string)$input->getOption(self::OPTION_BATCH_SIZE);
        if (!ctype_digit($batchSize) || (int)$batchSize < 1 || (int)$batchSize > 100000) {
            $output->writeln('<error>--batch-size must be a whole number between 1 and 100000.</error>');
            return Command::INVALID;
        }
        $started = microtime(true);
        try {
            $counts = $this->indexer->countSourceRows();
            $bar = new ProgressBar($output, array_sum($counts));
            $bar->setFormat(' %current%/%max% [%bar%] %percent:3s%% %elapsed:6s% %message%');
            $bar->setMessage('');
            $bar->start();
            $written = $this->indexer->reindexAll(
                static function (string $source, int $rows) use ($bar): void {
                    $bar->setMessage($source);
                    $bar->advance($rows);
                },
                (int)$batchSize
            );
            $bar->setMessage('');
            $bar->finish();
        } catch (\Throwable $e) {
            $output->writeln('');
            $output->writeln('<error>Phone index rebuild failed: ' . $e->getMessage() . '</error>');
            return Command::FAILURE;
        }
        $output->writeln('');
        $output->writeln(sprintf(
            '<info>Phone index rebuilt: %d numbers from %d addresses (%s) in %.1f s.</info>',
            $written,
            array_sum($counts),
            implode(', ', array_map(static fn ($s, $n) => "$s $n", array_keys($counts), $counts)),
            microtime(true) - $started
        ));
        return Command::SUCCESS;
    }
}
