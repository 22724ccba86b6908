<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

/**
 * What Magento 2.4.6's REST layer writes for a service method's result, following
 * Magento\Framework\Webapi\ServiceOutputProcessor and Reflection\DataObjectProcessor step by step:
 * the getters of the DECLARED interface (not of the class), keys by FieldNamer (is/has/get prefix,
 * camelCase to snake_case), types and nullability from the @return docblock (a null is left out
 * only when the docblock says `|null`, otherwise written as null), arrays of `X[]` element by
 * element, scalars cast by TypeCaster. RestOutput (every null left out) is a shortcut of this.
 */
final class WebapiOutput
{
    /**
     * The array Magento's JSON renderer encodes for $service::$method() returning $data.
     */
    public static function process(mixed $data, string $service, string $method): mixed
    {
        [$type] = self::returnType(new \ReflectionMethod($service, $method));
        return self::convertValue($data, $type);
    }

    /** The JSON text of the response body, as Magento's Json renderer encodes it. */
    public static function json(mixed $data, string $service, string $method): string
    {
        return (string)json_encode(self::process($data, $service, $method));
    }

    private static function convertValue(mixed $data, ?string $type): mixed
    {
        if (is_array($data)) {
            $element = $type !== null ? substr($type, 0, -2) : '';
            return array_map(
                static fn ($datum) => is_object($datum) ? self::buildOutputDataArray($datum, $element) : $datum,
                array_values($data)
            );
        }
        if (is_object($data)) {
            return self::buildOutputDataArray($data, (string)$type);
        }
        return $data === null ? [] : $data;
    }

    private static function buildOutputDataArray(object $object, string $type): array
    {
        $out = [];
        $reflection = new \ReflectionClass(ltrim($type, '\\'));
        foreach ($reflection->getMethods(\ReflectionMethod::IS_PUBLIC) as $method) {
            $name = $method->getName();
            $skipped = $method->isConstructor() || $method->isFinal() || $method->isStatic()
                || str_starts_with($name, '__') || $method->getNumberOfRequiredParameters() > 0;
            if ($skipped) {
                continue;
            }
            $key = self::fieldName($name);
            if ($key === null) {
                continue;
            }
            [$returnType, $required] = self::returnType($method);
            $value = $object->{$name}();
            if ($value === null && !$required) {
                continue;
            }
            if (is_object($value)) {
                $value = self::buildOutputDataArray($value, (string)$returnType);
            } elseif (is_array($value)) {
                $element = $returnType !== null ? substr($returnType, 0, -2) : '';
                $items = [];
                foreach ($value as $single) {
                    if (is_object($single)) {
                        $single = self::buildOutputDataArray($single, $element);
                    }
                    $items[] = self::cast($single, $element);
                }
                $value = $items;
            } else {
                $value = self::cast($value, (string)$returnType);
            }
            $out[$key] = $value;
        }
        return $out;
    }

    /** FieldNamer::getFieldNameForMethodName. */
    private static function fieldName(string $method): ?string
    {
        foreach (['is' => 2, 'has' => 3, 'get' => 3] as $prefix => $length) {
            if (str_starts_with($method, $prefix)) {
                return strtolower((string)preg_replace('/(.)([A-Z])/', '$1_$2', substr($method, $length)));
            }
        }
        return null;
    }

    /**
     * TypeProcessor::getGetterReturnType: the first non-null type of @return, and whether null is absent.
     *
     * @return array{0: string|null, 1: bool}
     */
    private static function returnType(\ReflectionMethod $method): array
    {
        if (!preg_match('/@return\s+(\S+)/', (string)$method->getDocComment(), $m)) {
            throw new \LogicException(
                $method->class . '::' . $method->getName() . ' has no @return: Magento cannot serialise it'
            );
        }
        $types = explode('|', $m[1]);
        $first = null;
        foreach ($types as $t) {
            if ($t !== 'null') {
                $first = $t;
                break;
            }
        }
        return [$first, !in_array('null', $types, true)];
    }

    /** TypeCaster::castValueToType. */
    private static function cast(mixed $value, string $type): mixed
    {
        if ($value === null) {
            return null;
        }
        if (is_array($value) && !interface_exists(ltrim($type, '\\')) && !class_exists(ltrim($type, '\\'))) {
            return json_encode($value);
        }
        return match ($type) {
            'int', 'integer' => (int)$value,
            'string' => (string)$value,
            'bool', 'boolean', 'true', 'false' => (bool)$value,
            'float', 'double' => (float)$value,
            default => $value,
        };
    }
}
