<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * The progress row of a campaign build (bandeau_campaign_build), read by the admin progress bar.
 */
class BuildProgress
{
    public const QUEUED = 'queued';
    public const RUNNING = 'running';
    public const DONE = 'done';
    public const FAILED = 'failed';

    /**
     * @param Tables $tables
     * @param UtcTime $utcTime
     */
    public function __construct(private Tables $tables, private UtcTime $utcTime)
    {
    }

    /**
     * Starts (or restarts) the progress row of a campaign with its total of candidate carts.
     *
     * @param int $campaignId
     * @param int $total
     */
    public function init(int $campaignId, int $total): void
    {
        $this->tables->connection()->insertOnDuplicate(
            $this->tables->rawName(Tables::BUILD),
            [
                'campaign_id' => $campaignId,
                'status' => self::QUEUED,
                'total' => $total,
                'processed' => 0,
                'inserted' => 0,
                'last_quote_id' => 0,
                'message' => null,
            ]
        );
    }

    /**
     * The progress row of a campaign, counters as integers.
     *
     * @param int $campaignId
     * @return array{campaign_id: int, status: string, total: int, processed: int, inserted: int,
     *     last_quote_id: int, message: ?string, started_at: ?string, finished_at: ?string}|null
     */
    public function get(int $campaignId): ?array
    {
        $row = $this->tables->connection()->fetchRow(
            sprintf('SELECT * FROM %s WHERE campaign_id = ?', $this->tables->name(Tables::BUILD)),
            [$campaignId]
        );
        if (!$row) {
            return null;
        }
        foreach (['campaign_id', 'total', 'processed', 'inserted', 'last_quote_id'] as $key) {
            $row[$key] = (int)$row[$key];
        }
        return $row;
    }

    /**
     * Marks the build running (the first start time is kept).
     *
     * @param int $campaignId
     * @param int $now
     */
    public function start(int $campaignId, int $now): void
    {
        $this->update($campaignId, 'status = ?, started_at = COALESCE(started_at, ?), message = NULL', [
            self::RUNNING,
            $this->utcTime->db($now),
        ]);
    }

    /**
     * Adds a slice's scanned carts and new contacts, and remembers its last quote id.
     *
     * @param int $campaignId
     * @param int $scanned
     * @param int $added
     * @param int $lastQuoteId
     */
    public function advance(int $campaignId, int $scanned, int $added, int $lastQuoteId): void
    {
        $this->update(
            $campaignId,
            'processed = LEAST(total, processed + ?), inserted = inserted + ?, last_quote_id = ?',
            [$scanned, $added, $lastQuoteId]
        );
    }

    /**
     * Marks the build done with its final number of contacts.
     *
     * @param int $campaignId
     * @param int $contacts
     * @param int $now
     */
    public function finish(int $campaignId, int $contacts, int $now): void
    {
        $this->update($campaignId, 'status = ?, processed = total, inserted = ?, finished_at = ?', [
            self::DONE,
            $contacts,
            $this->utcTime->db($now),
        ]);
    }

    /**
     * Marks the build failed with the error shown on the campaign page.
     *
     * @param int $campaignId
     * @param string $message
     * @param int $now
     */
    public function fail(int $campaignId, string $message, int $now): void
    {
        $this->update($campaignId, 'status = ?, message = ?, finished_at = ?', [
            self::FAILED,
            mb_substr($message, 0, 2000),
            $this->utcTime->db($now),
        ]);
    }

    /**
     * The JSON the admin page polls.
     *
     * @param int $campaignId
     * @param array|null $row
     * @return array{campaignId: int, status: string, total: int, processed: int, contacts: int,
     *     percent: int, message: ?string}
     */
    public function toJson(int $campaignId, ?array $row): array
    {
        $total = (int)($row['total'] ?? 0);
        $processed = (int)($row['processed'] ?? 0);
        $status = (string)($row['status'] ?? self::QUEUED);
        return [
            'campaignId' => $campaignId,
            'status' => $status,
            'total' => $total,
            'processed' => $processed,
            'contacts' => (int)($row['inserted'] ?? 0),
            'percent' => $status === self::DONE ? 100 : ($total > 0 ? (int)floor(100 * $processed / $total) : 0),
            'message' => $row['message'] ?? null,
        ];
    }

    /**
     * Updates the progress row of a campaign.
     *
     * @param int $campaignId
     * @param string $set
     * @param array $bind
     */
    private function update(int $campaignId, string $set, array $bind): void
    {
        $this->tables->connection()->query(
            sprintf('UPDATE %s SET %s WHERE campaign_id = ?', $this->tables->name(Tables::BUILD), $set),
            array_merge($bind, [$campaignId])
        );
    }
}
