<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Controller\Result\Json;

/**
 * Error bodies of the campaign admin endpoints: {"error": {"code", "message"}} with a status.
 */
class JsonReply
{
    public static function error(Json $result, int $status, string $code, string $message): Json
    {
        $result->setHttpResponseCode($status);
        return $result->setData(['error' => ['code' => $code, 'message' => $message]]);
    }
}
