<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Campaign;

/**
 * Translated labels of campaign statuses and contact outcomes, for the campaign pages.
 */
class Labels
{
    /**
     * "active" => "Active" (translated); an unknown status is shown as it is.
     *
     * @param string $status
     * @return string
     */
    public function status(string $status): string
    {
        $labels = [
            Campaign::STATUS_BUILDING => __('Building'),
            Campaign::STATUS_ACTIVE => __('Active'),
            Campaign::STATUS_PAUSED => __('Paused'),
            Campaign::STATUS_FAILED => __('Failed'),
        ];
        return (string)($labels[$status] ?? $status);
    }

    /**
     * "no_answer" => "No answer" (translated); an unknown outcome is shown as it is.
     *
     * @param string $outcome
     * @return string
     */
    public function outcome(string $outcome): string
    {
        $labels = [
            ContactStatus::REACHED_ORDERED => __('Reached, ordered'),
            ContactStatus::WILL_ORDER => __('Will order'),
            ContactStatus::NOT_INTERESTED => __('Not interested'),
            ContactStatus::OUTCOME_CALLBACK => __('Call back'),
            ContactStatus::NO_ANSWER => __('No answer'),
            ContactStatus::WRONG_NUMBER => __('Wrong number'),
            ContactStatus::OPTED_OUT => __('Opted out'),
        ];
        return (string)($labels[$outcome] ?? $outcome);
    }
}
