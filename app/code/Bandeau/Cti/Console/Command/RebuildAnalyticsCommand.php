<?php

declare(strict_types=1);

namespace Bandeau\Cti\Console\Command;

use Bandeau\Cti\Model\Analytics\Rebuilder;
use Magento\Framework\Exception\LocalizedException;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Helper\ProgressBar;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * bin/magento bandeau:analytics:rebuild [--from=YYYY-MM-DD] [--to=YYYY-MM-DD]
 *
 * Rebuilds the call analytics tables (hourly buckets, callers without an account, calls that sold)
 * from the call log and the orders, one local month per step of the progress bar. Without bounds,
 * everything, in the current reporting time zone (run it after changing the zone). Registered in
 * etc/di.xml; the rebuilder comes through its generated proxy so bin/magento does not open the
 * database at boot.
 */
class RebuildAnalyticsCommand extends Command
{
    public const NAME = 'bandeau:analytics:rebuild';
    public const OPTION_FROM = 'from';
    public const OPTION_TO = 'to';

    /**
     * @param Rebuilder $rebuilder
     */
    public function __construct(private Rebuilder $rebuilder)
    {
        parent::__construct(self::NAME);
    }

    /**
     * Declares bandeau:analytics:rebuild and its --from and --to options.
     */
    protected function configure(): void
    {
        $this->setDescription('Rebuilds the Bandeau CTI call analytics (aggregates of calls and calls that sold)')
            ->addOption(
                self::OPTION_FROM,
                null,
                InputOption::VALUE_REQUIRED,
                'First local date (YYYY-MM-DD); default: the first call or order'
            )
            ->addOption(
                self::OPTION_TO,
                null,
                InputOption::VALUE_REQUIRED,
                'Last local date (YYYY-MM-DD); default: the last call or order'
            );
    }

    /**
     * Rebuilds with a progress bar (one step per local month) and prints the counts and the time taken.
     *
     * @param InputInterface $input
     * @param OutputInterface $output
     * @return int
     */
    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $from = $input->getOption(self::OPTION_FROM);
        $to = $input->getOption(self::OPTION_TO);
        $from = $from === null ? null : (string)$from;
        $to = $to === null ? null : (string)$to;
        $started = microtime(true);
        try {
            $months = $this->rebuilder->months($from, $to);
        } catch (LocalizedException $e) {
            $output->writeln('<error>' . $e->getMessage() . '</error>');
            return Command::INVALID;
        }
        try {
            $bar = new ProgressBar($output, count($months));
            $bar->setFormat(' %current%/%max% [%bar%] %percent:3s%% %elapsed:6s% %message%');
            $bar->setMessage('');
            $bar->start();
            $totals = $this->rebuilder->rebuild(
                $from,
                $to,
                static function (int $done, int $total, string $month) use ($bar): void {
                    $bar->setMessage($month);
                    $bar->setProgress($done);
                }
            );
            $bar->setMessage('');
            $bar->finish();
        } catch (\Throwable $e) {
            $output->writeln('');
            $output->writeln('<error>Call analytics rebuild failed: ' . $e->getMessage() . '</error>');
            return Command::FAILURE;
        }
        $output->writeln('');
        $output->writeln(sprintf(
            '<info>Call analytics rebuilt: %d months, %d hourly rows, %d caller rows, %d orders attributed'
            . ' in %.1f s.</info>',
            $totals['months'],
            $totals['hourlyRows'],
            $totals['unknownRows'],
            $totals['sales'],
            microtime(true) - $started
        ));
        return Command::SUCCESS;
    }
}
