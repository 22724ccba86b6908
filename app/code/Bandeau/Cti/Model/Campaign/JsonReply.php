<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

use Magento\Framework\Controller\Result\Json;

/**
 * Error bodies of the campaign admin endpoints: {"error": {"code", "message"}} with a status.
 */
class JsonReply
{
    /**
     * Sets the HTTP status and the error body on the JSON result, and returns it.
     *
     * @param Json $result
     * @param int $status
     * @param string $code machine-readable ("not_logged_in", "invalid", …)
     * @param string $message shown to the agent, already translated
     * @return Json
     */
    public function error(Json $result, int $status, string $code, string $message): Json
    {
        $result->setHttpResponseCode($status);
        return $result->setData(['error' => ['code' => $code, 'message' => $message]]);
    }

    /**
     * The 403 answer when no admin user is logged in (the session expired between two requests).
     *
     * @param Json $result
     * @return Json
     */
    public function notLoggedIn(Json $result): Json
    {
        return $this->error($result, 403, 'not_logged_in', (string)__('No admin user is logged in.'));
    }
}
