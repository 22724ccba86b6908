<?php

declare(strict_types=1);

namespace Magento\Framework\App\Response;

use Laminas\Http\Header\GenericHeader;

/**
 * Stand-in for the HTTP response: status, headers (case-insensitive) and body kept in memory.
 */
class Http implements HttpInterface
{
    private int $code = 200;
    /** @var array<string, array{0: string, 1: string}> lower-case name => [name, value] */
    private array $headers = [];
    private string $body = '';

    public function setHttpResponseCode($code)
    {
        $this->code = (int)$code;
        return $this;
    }

    public function getHttpResponseCode()
    {
        return $this->code;
    }

    public function setHeader($name, $value, $replace = false)
    {
        $key = strtolower((string)$name);
        if ($replace || !isset($this->headers[$key])) {
            $this->headers[$key] = [(string)$name, (string)$value];
        }
        return $this;
    }

    public function getHeader($name)
    {
        $key = strtolower((string)$name);
        if (!isset($this->headers[$key])) {
            return false;
        }
        return new GenericHeader($this->headers[$key][0], $this->headers[$key][1]);
    }

    public function clearHeader($name)
    {
        unset($this->headers[strtolower((string)$name)]);
        return $this;
    }

    public function setBody($value)
    {
        $this->body = (string)$value;
        return $this;
    }

    public function getBody()
    {
        return $this->body;
    }

    public function representJson($content)
    {
        $this->setHeader('Content-Type', 'application/json', true);
        return $this->setBody($content);
    }

    public function sendResponse()
    {
        return $this;
    }
}
