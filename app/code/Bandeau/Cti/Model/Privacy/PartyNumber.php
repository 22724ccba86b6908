<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Privacy;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use libphonenumber\PhoneNumberUtil;
use Magento\Framework\App\ResourceConnection;

/**
 * The outside party's number of a call in E.164 (bandeau_call.party_key): the caller on inbound
 * calls, the callee on outbound ones. The PBX writes numbers as it likes ("0612345678",
 * "+33612345678"); erasure and the data subject export match this column against the phone index
 * in one SQL statement instead of normalising every call in PHP.
 */
class PartyNumber
{
    public const COLUMN = 'party_key';
    public const DEFAULT_BATCH_SIZE = 1000;

    /**
     * @param ResourceConnection $resource
     * @param PhoneNormaliser $normaliser
     * @param Config $config
     */
    public function __construct(
        private ResourceConnection $resource,
        private PhoneNormaliser $normaliser,
        private Config $config
    ) {
    }

    /**
     * The outside party's number of a call in E.164, null when it has none that reads as a number.
     *
     * @param CallInterface $call
     * @return string|null
     */
    public function of(CallInterface $call): ?string
    {
        return $this->fromFields((string)$call->getDirection(), $call->getFrom(), $call->getTo());
    }

    /**
     * Fills party_key on calls stored before the column existed (setup patch), by keyset batches.
     *
     * @param int $batchSize
     * @return int calls given a number
     */
    public function backfill(int $batchSize = self::DEFAULT_BATCH_SIZE): int
    {
        $connection = $this->resource->getConnection();
        $table = $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE));
        $batchSize = max(1, $batchSize);
        $lastId = 0;
        $filled = 0;
        do {
            $rows = $connection->fetchAll(
                sprintf(
                    'SELECT entity_id, direction, from_number, to_number FROM %s WHERE entity_id > ?'
                    . ' AND party_key IS NULL AND anonymised_at IS NULL AND direction <> \'internal\''
                    . ' ORDER BY entity_id LIMIT %d',
                    $table,
                    $batchSize
                ),
                [$lastId]
            );
            foreach ($rows as $row) {
                $lastId = (int)$row['entity_id'];
                $e164 = $this->fromFields((string)$row['direction'], $row['from_number'], $row['to_number']);
                if ($e164 !== null) {
                    $connection->query(
                        sprintf('UPDATE %s SET party_key = ? WHERE entity_id = ?', $table),
                        [$e164, $lastId]
                    );
                    $filled++;
                }
            }
        } while (count($rows) === $batchSize);
        return $filled;
    }

    /**
     * The E.164 of the outside number for a direction.
     *
     * @param string $direction
     * @param string|null $from
     * @param string|null $to
     * @return string|null
     */
    private function fromFields(string $direction, ?string $from, ?string $to): ?string
    {
        $number = match ($direction) {
            'inbound' => $from,
            'outbound' => $to,
            default => null,
        };
        if ($number === null || trim($number) === '' || !class_exists(PhoneNumberUtil::class)) {
            return null;
        }
        return $this->normaliser->toE164($number, $this->config->getDefaultCountry());
    }
}
