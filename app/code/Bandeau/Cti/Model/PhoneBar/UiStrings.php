<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\PhoneBar;

/**
 * Every English UI string of the phone bar, exactly the STRINGS of frontend-ts/src/page/strings.ts
 * (test/php/Unit/ViewModel/UiStringsTest.php fails when the two lists differ). The page config
 * carries their translations for the admin user's locale (PhoneBar::getConfig() "i18n"); both
 * i18n/en_US.csv and i18n/fr_FR.csv list every one of them.
 */
class UiStrings
{
    public const STRINGS = [
        'Phone',
        'Connecting…',
        'Connected',
        'Offline',
        'Status',
        'Available',
        'Busy',
        'Away',
        'No current call',
        'Ringing',
        'In call',
        'On hold',
        'Transferring…',
        'Transferred',
        'Parked',
        'Ended',
        'Inbound call from %1',
        'Outbound call to %1',
        'Internal call with %1',
        'Answered by %1',
        'Extension %1',
        'Show phone bar',
        'Hide phone bar',
        'Looking up the caller…',
        'Unknown caller',
        'Caller lookup failed',
        'Several customers have this number:',
        'Create customer',
        'Open customer',
        'Latest order',
        'Create order',
        'Group: %1',
        'Lifetime sales: %1',
        'Open cart: %1 items, %2',
        'Last orders',
        'Hang up',
        'Hold',
        'Resume',
        'Mute',
        'Unmute',
        'Keypad',
        'Transfer to',
        'Transfer',
        'Consult transfer',
        'Number to call',
        'Call',
        'Recent calls',
        'No recent calls',
        'Call back',
        '%1 missed calls',
        'Missed',
        'Answered',
        'Busy line',
        'Failed',
        'Voicemail',
        'Abandoned',
        'Calling %1…',
        'Note',
        'Wrap-up note',
        'Save note',
        'Note saved',
        'The note could not be saved: %1',
        'Campaign',
        'Next call',
        'Call %1',
        'No contact to call now',
        'Attempt %1 of %2',
        'Cart: %1',
        'Last note: %1',
        'Outcome',
        'Reached, ordered',
        'Will order',
        'Not interested',
        'Call back later',
        'No answer',
        'Wrong number',
        'Call back at',
        'Save outcome',
        'Outcome saved',
        'Softphone off',
        'Softphone connecting…',
        'Softphone ready',
        'Softphone unavailable',
        'Pop out phone',
        'Answer',
        'Decline',
        'Calling…',
        'Restoring audio…',
        'Caller on hold until a page is open',
        'Audio in the phone window',
        'Cannot reach the bridge at %1: %2',
        'The bridge refused the agent token (%1).',
        'Cannot get an agent token: %1',
        'Cannot renew the agent token: %1',
        'Cannot get the softphone credentials: %1',
        'Invalid SIP address %1',
        'Lost the SIP connection: %1',
        'Cannot reach the SIP server %1: %2',
        'The SIP server refused the registration (%1 %2).',
    ];

    /**
     * Every string of the bar translated into the admin user's locale, for the page bundle.
     *
     * @return array<string, string> English text => translation in the current locale
     */
    public function translations(): array
    {
        $out = [];
        foreach (self::STRINGS as $text) {
            $out[$text] = (string)__($text);
        }
        return $out;
    }
}
