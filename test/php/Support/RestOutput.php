<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Bandeau\Cti\Api\Data\CallInterface;
use Bandeau\Cti\Model\Call;

/**
 * Serialises service-contract objects as Magento's REST layer does: every public getter becomes
 * a snake_case key, null values are left out, nested data objects and arrays recurse.
 * And the other way: a REST request body becomes a call record.
 */
final class RestOutput
{
    public static function toArray(mixed $value): mixed
    {
        if (is_array($value)) {
            return array_map([self::class, 'toArray'], $value);
        }
        if (!is_object($value)) {
            return $value;
        }
        $out = [];
        $class = new \ReflectionClass($value);
        foreach ($class->getMethods(\ReflectionMethod::IS_PUBLIC) as $method) {
            $name = $method->getName();
            if ($method->isStatic() || $method->getNumberOfRequiredParameters() > 0 || !preg_match('/^(get|is)([A-Z]\w*)$/', $name, $m)) {
                continue;
            }
            $result = $value->{$name}();
            if ($result === null) {
                continue;
            }
            $key = strtolower((string)preg_replace('/(?<!^)[A-Z]/', '_$0', $m[2]));
            $out[$key] = self::toArray($result);
        }
        return $out;
    }

    public static function callFromRequest(array $body): CallInterface
    {
        return new Call($body['call']);
    }

    public static function contract(string $file): array
    {
        return json_decode(
            (string)file_get_contents(__DIR__ . '/../../contract/' . $file),
            true,
            512,
            JSON_THROW_ON_ERROR
        );
    }
}
