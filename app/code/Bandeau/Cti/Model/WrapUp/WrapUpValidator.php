<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\WrapUp;

use Bandeau\Cti\Api\Data\WrapUpInterface;
use Magento\Framework\Exception\InputException;

/**
 * Checks a wrap-up from the phone bar and returns a normalised copy: the outcome and the tags must
 * be in the configured lists, the follow-up date readable and ahead, the note within the column.
 * Every refusal is a sentence the bar shows as it is.
 */
class WrapUpValidator
{
    public const MAX_NOTE_LENGTH = 65535;
    public const MAX_TAGS_LENGTH = 1024;
    /** A follow-up further away than this is a typing mistake (year 2206). */
    public const MAX_FOLLOW_UP_DAYS = 730;

    /**
     * @param WrapUpOptions $options
     */
    public function __construct(private WrapUpOptions $options)
    {
    }

    /**
     * A normalised copy of the wrap-up, or an InputException saying what is wrong.
     *
     * @param WrapUpInterface $wrapUp
     * @param int $now Unix time
     * @return WrapUp
     * @throws InputException
     */
    public function validate(WrapUpInterface $wrapUp, int $now): WrapUp
    {
        $callId = trim((string)$wrapUp->getCallId());
        if ($callId === '' || strlen($callId) > 128 || preg_match('/[\x00-\x1F\x7F]/', $callId)) {
            throw new InputException(__('A call is required.'));
        }
        $note = (string)$wrapUp->getNote();
        if (strlen($note) > self::MAX_NOTE_LENGTH) {
            throw new InputException(__('The note is too long.'));
        }
        if (!mb_check_encoding($note, 'UTF-8')) {
            throw new InputException(__('The note is not valid text.'));
        }
        $outcome = trim((string)$wrapUp->getOutcome());
        if ($outcome !== '' && !in_array($outcome, $this->options->outcomes(), true)) {
            throw new InputException(__('"%1" is not one of the configured outcomes.', $outcome));
        }
        $tags = $this->tags($wrapUp->getTags());
        $followUp = $this->followUp($wrapUp->getFollowUpAt(), $now);
        $customerId = $wrapUp->getCustomerId();
        if ($customerId !== null && $customerId <= 0) {
            $customerId = null;
        }
        if (trim($note) === '' && $outcome === '' && $tags === [] && $followUp === null) {
            throw new InputException(__('Write a note or choose an outcome.'));
        }
        return new WrapUp(
            $callId,
            trim($note) === '' ? null : $note,
            $outcome === '' ? null : $outcome,
            $tags,
            $followUp,
            $customerId
        );
    }

    /**
     * The tags, trimmed and without repeats; each must be configured.
     *
     * @param array $tags
     * @return string[]
     * @throws InputException
     */
    private function tags(array $tags): array
    {
        $allowed = $this->options->tags();
        $out = [];
        foreach ($tags as $tag) {
            $tag = trim((string)$tag);
            if ($tag === '' || in_array($tag, $out, true)) {
                continue;
            }
            if (!in_array($tag, $allowed, true)) {
                throw new InputException(__('"%1" is not one of the configured tags.', $tag));
            }
            $out[] = $tag;
        }
        if (strlen(implode(WrapUpOptions::TAG_SEPARATOR, $out)) > self::MAX_TAGS_LENGTH) {
            throw new InputException(__('Too many tags.'));
        }
        return $out;
    }

    /**
     * "2026-11-20" (that day, UTC midnight) or an ISO-8601 date-time with its offset, as
     * "2026-11-20T00:00:00Z"; null when empty. Not before today (UTC) nor more than two years ahead.
     *
     * @param string|null $value
     * @param int $now
     * @return string|null
     * @throws InputException
     */
    public function followUp(?string $value, int $now): ?string
    {
        $value = trim((string)$value);
        if ($value === '') {
            return null;
        }
        $utc = new \DateTimeZone('UTC');
        if (preg_match('/^\d{4}-\d\d-\d\d$/', $value)) {
            $date = \DateTimeImmutable::createFromFormat('!Y-m-d', $value, $utc);
        } elseif (preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i', $value)) {
            try {
                $date = new \DateTimeImmutable($value);
                $errors = \DateTimeImmutable::getLastErrors();
                if (is_array($errors) && ($errors['warning_count'] > 0 || $errors['error_count'] > 0)) {
                    $date = false;
                }
            } catch (\Exception $e) {
                $date = false;
            }
        } else {
            $date = false;
        }
        // createFromFormat rolls 2026-02-30 over to March: a date must read back as written.
        if ($date === false || (strlen($value) === 10 && $date->format('Y-m-d') !== $value)) {
            throw new InputException(__('The follow-up date "%1" is not a date.', $value));
        }
        $date = $date->setTimezone($utc);
        $today = (new \DateTimeImmutable('@' . $now))->setTimezone($utc)->setTime(0, 0);
        if ($date < $today) {
            throw new InputException(__('The follow-up date is in the past.'));
        }
        if ($date->getTimestamp() > $now + self::MAX_FOLLOW_UP_DAYS * 86400) {
            throw new InputException(__('The follow-up date is more than two years away.'));
        }
        return $date->format('Y-m-d\TH:i:s\Z');
    }
}
