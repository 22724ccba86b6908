<?php

declare(strict_types=1);

namespace Magento\Framework;

/**
 * Stand-in: renders "%1"/"%name" placeholders like Magento's default renderer, translated by
 * the test's dictionary when it sets one.
 */
class Phrase implements \JsonSerializable
{
    /**
     * The admin locale's dictionary for a test (English text => translation); empty: English.
     *
     * @var array<string, string>
     */
    public static array $dictionary = [];

    public function __construct(private string $text, private array $arguments = [])
    {
    }

    public function getText(): string
    {
        return $this->text;
    }

    public function getArguments(): array
    {
        return $this->arguments;
    }

    public function render(): string
    {
        $text = self::$dictionary[$this->text] ?? $this->text;
        foreach ($this->arguments as $key => $value) {
            $placeholder = is_int($key) ? '%' . ($key + 1) : '%' . $key;
            $text = str_replace($placeholder, (string)$value, $text);
        }
        return $text;
    }

    public function __toString(): string
    {
        return $this->render();
    }

    public function jsonSerialize(): mixed
    {
        return $this->render();
    }
}
