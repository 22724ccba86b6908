<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model;

use Bandeau\Cti\Api\CallRepositoryInterface;
use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Api\Data\CallSearchResultsInterface;
use Bandeau\Cti\Model\Call\CallMapper;
use Bandeau\Cti\Model\Call\CallSearchQuery;
use Bandeau\Cti\Model\Call\CallValidator;
use Bandeau\Cti\Model\Privacy\PartyNumber;
use Magento\Framework\Api\SearchCriteriaInterface;
use Magento\Framework\App\ResourceConnection;
use Magento\Framework\Exception\NoSuchEntityException;

/**
 * The call log in bandeau_call, through parameterised SQL on the connection adapter.
 */
class CallRepository implements CallRepositoryInterface
{
    /** Columns written as 0 on insert when absent, kept on update when absent. */
    private const COUNTER_COLUMNS = ['duration_s', 'talk_s'];

    /**
     * Columns an anonymised call never gets back: the bridge may redeliver a record (outbox retry)
     * after retention or erasure ran.
     */
    private const PERSONAL_COLUMNS = [
        'from_number', 'to_number', 'transferred_to', 'note', 'recording_url', 'customer_id', 'order_id',
        PartyNumber::COLUMN,
    ];

    /**
     * @param ResourceConnection $resource
     * @param CallMapper $mapper
     * @param CallValidator $validator
     * @param CallSearchQuery $searchQuery
     * @param PartyNumber $partyNumber
     */
    public function __construct(
        private ResourceConnection $resource,
        private CallMapper $mapper,
        private CallValidator $validator,
        private CallSearchQuery $searchQuery,
        private PartyNumber $partyNumber
    ) {
    }

    /**
     * Validates and stores the call: inserted, or updated on its call id (absent counters keep their value).
     *
     * @param CallInterface $call
     * @return CallInterface
     */
    public function save(CallInterface $call): CallInterface
    {
        $valid = $this->validator->validate($call);
        $row = $this->mapper->toRow($valid);
        $row[PartyNumber::COLUMN] = $this->partyNumber->of($valid);
        $connection = $this->resource->getConnection();
        $table = $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE));

        $columns = [];
        $placeholders = [];
        $updates = [];
        $bind = [];
        $updateBind = [];
        foreach ($row as $column => $value) {
            $quoted = $connection->quoteIdentifier($column);
            $columns[] = $quoted;
            $bind[] = $value;
            if (in_array($column, self::COUNTER_COLUMNS, true)) {
                $placeholders[] = 'COALESCE(?, 0)';
                $updates[] = sprintf('%1$s = IF(? IS NULL, %1$s, VALUES(%1$s))', $quoted);
                $updateBind[] = $value;
            } else {
                $placeholders[] = '?';
                if (in_array($column, self::PERSONAL_COLUMNS, true)) {
                    $updates[] = sprintf(
                        '%1$s = IF(anonymised_at IS NULL, COALESCE(VALUES(%1$s), %1$s), %1$s)',
                        $quoted
                    );
                } elseif ($column !== 'call_id') {
                    $updates[] = sprintf('%1$s = COALESCE(VALUES(%1$s), %1$s)', $quoted);
                }
            }
        }
        $sql = sprintf(
            'INSERT INTO %s (%s) VALUES (%s) ON DUPLICATE KEY UPDATE %s',
            $table,
            implode(', ', $columns),
            implode(', ', $placeholders),
            implode(', ', $updates)
        );
        $connection->query($sql, array_merge($bind, $updateBind));
        return $this->getByCallId((string)$valid->getCallId());
    }

    /**
     * The call with this bridge call id.
     *
     * @param string $callId
     * @return CallInterface
     */
    public function getByCallId(string $callId): CallInterface
    {
        $row = $this->getRowByCallId($callId);
        if ($row === null) {
            throw new NoSuchEntityException(__('The call "%1" does not exist.', $callId));
        }
        return $this->mapper->fromRow($row);
    }

    /**
     * The bandeau_call row of a call id, as stored.
     *
     * @param string $callId
     * @return array<string, mixed>|null the raw bandeau_call row
     */
    public function getRowByCallId(string $callId): ?array
    {
        $connection = $this->resource->getConnection();
        $row = $connection->fetchRow(
            sprintf(
                'SELECT * FROM %s WHERE call_id = ?',
                $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE))
            ),
            [$callId]
        );
        return is_array($row) ? $row : null;
    }

    /**
     * Calls linked to a customer or an order, newest first (admin screens).
     *
     * @param string $field customer_id or order_id
     * @param int $id
     * @param int $limit
     * @param array{user_id: int, extension: string|null}|null $agent only the calls this agent was party to
     * @return CallInterface[]
     */
    public function listLinkedTo(string $field, int $id, int $limit = 200, ?array $agent = null): array
    {
        if (!in_array($field, [CallInterface::CUSTOMER_ID, CallInterface::ORDER_ID], true)) {
            throw new \InvalidArgumentException('Calls can be listed by customer_id or order_id only.');
        }
        $connection = $this->resource->getConnection();
        $bind = [$id];
        $own = '';
        if ($agent !== null) {
            // The agent's own calls: its user id on the record, or its extension when no user id is.
            $own = ' AND (agent_user_id = ? OR (agent_user_id IS NULL AND agent_extension = ?))';
            $bind[] = $agent['user_id'];
            $bind[] = $agent['extension'] ?? '';
        }
        $rows = $connection->fetchAll(
            sprintf(
                'SELECT * FROM %s WHERE %s = ?%s ORDER BY started_at DESC, entity_id DESC LIMIT %d',
                $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE)),
                $connection->quoteIdentifier(CallMapper::COLUMNS[$field]),
                $own,
                max(1, min(1000, $limit))
            ),
            $bind
        );
        return array_map([$this->mapper, 'fromRow'], $rows);
    }

    /**
     * Calls matching the search criteria, with the total count.
     *
     * @param SearchCriteriaInterface $searchCriteria
     * @return CallSearchResultsInterface
     */
    public function getList(SearchCriteriaInterface $searchCriteria): CallSearchResultsInterface
    {
        $connection = $this->resource->getConnection();
        $table = $connection->quoteIdentifier($this->resource->getTableName(CallMapper::TABLE));
        [$where, $bind] = $this->searchQuery->where($searchCriteria);
        $total = (int)$connection->fetchOne(sprintf('SELECT COUNT(*) FROM %s WHERE %s', $table, $where), $bind);
        $rows = $connection->fetchAll(
            sprintf(
                'SELECT * FROM %s WHERE %s ORDER BY %s%s',
                $table,
                $where,
                $this->searchQuery->orderBy($searchCriteria),
                $this->searchQuery->limit($searchCriteria)
            ),
            $bind
        );
        $results = new CallSearchResults();
        $results->setSearchCriteria($searchCriteria);
        $results->setItems(array_map([$this->mapper, 'fromRow'], $rows));
        $results->setTotalCount($total);
        return $results;
    }
}
