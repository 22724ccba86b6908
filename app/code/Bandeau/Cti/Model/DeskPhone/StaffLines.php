<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Magento\Framework\Exception\LocalizedException;

/**
 * The configured staff list of the phone book (bandeau/phones/staff): one "Name,extension" a line,
 * e.g. "Sales desk,201". The extension is after the last comma, so a name may hold commas.
 */
class StaffLines
{
    public const MAX_LINES = 200;
    public const MAX_NAME_LENGTH = 64;

    /**
     * The lines as [name, extension] pairs; blank lines are skipped.
     *
     * @param string $text
     * @return array<int, array{0: string, 1: string}>
     * @throws LocalizedException naming the first invalid line
     */
    public function parse(string $text): array
    {
        $pairs = [];
        $lines = preg_split('/\r\n|\r|\n/', $text) ?: [];
        foreach ($lines as $index => $line) {
            $line = trim($line);
            if ($line === '') {
                continue;
            }
            $pairs[] = $this->line($line, $index + 1);
        }
        if (count($pairs) > self::MAX_LINES) {
            throw new LocalizedException(__('The staff list holds at most %1 lines.', self::MAX_LINES));
        }
        return $pairs;
    }

    /**
     * The lines that are valid, others left out (for reading a value saved before it was checked).
     *
     * @param string $text
     * @return array<int, array{0: string, 1: string}>
     */
    public function parseValid(string $text): array
    {
        $pairs = [];
        foreach (preg_split('/\r\n|\r|\n/', $text) ?: [] as $index => $line) {
            try {
                if (trim($line) !== '') {
                    $pairs[] = $this->line(trim($line), $index + 1);
                }
            } catch (LocalizedException $e) {
                continue;
            }
        }
        return array_slice($pairs, 0, self::MAX_LINES);
    }

    /**
     * One trimmed, non-empty line as [name, extension].
     *
     * @param string $line
     * @param int $number line number, for the message
     * @return array{0: string, 1: string}
     * @throws LocalizedException
     */
    private function line(string $line, int $number): array
    {
        $comma = strrpos($line, ',');
        if ($comma === false) {
            throw new LocalizedException(__(
                'Staff list, line %1: write "Name,extension", e.g. "Sales desk,201".',
                $number
            ));
        }
        $name = trim((string)preg_replace('/\s+/u', ' ', substr($line, 0, $comma)));
        $extension = trim(substr($line, $comma + 1));
        $validName = $name !== '' && mb_check_encoding($name, 'UTF-8')
            && !preg_match('/[\x00-\x1f\x7f]/', $name) && mb_strlen($name) <= self::MAX_NAME_LENGTH;
        if (!$validName) {
            throw new LocalizedException(__(
                'Staff list, line %1: the name must be 1 to %2 characters.',
                $number,
                self::MAX_NAME_LENGTH
            ));
        }
        if (!preg_match(AgentProfile::EXTENSION_PATTERN, $extension)) {
            throw new LocalizedException(__(
                'Staff list, line %1: "%2" is not an extension (letters, digits, *, #, _ and -, at most 32).',
                $number,
                $extension
            ));
        }
        return [$name, $extension];
    }
}
