<?php

declare(strict_types=1);

namespace Magento\Framework;

/**
 * Stand-in: renders "%1"/"%name" placeholders like Magento's default renderer (no translation).
 */
class Phrase implements \JsonSerializable
{
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
        $text = $this->text;
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
