<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\DeskPhone;

/**
 * What to paste into a desk phone's provisioning, per vendor, with the vendor's own setting names
 * (from the vendors' provisioning guides): the bridge's phone book (directory.xml), the caller
 * details page fetched when the phone rings (caller.xml?ext=…, the call ringing on that extension)
 * and the reverse lookup (lookup?number=…). Paths: bridge/src/phones/router.ts.
 */
class ProvisioningSettings
{
    /** Vendor key => the bridge's format (Grandstream reads the Cisco directory format). */
    public const VENDORS = [
        'yealink' => 'yealink',
        'snom' => 'snom',
        'polycom' => 'polycom',
        'cisco' => 'cisco',
        'grandstream' => 'cisco',
    ];

    /**
     * The settings of one phone, per vendor.
     *
     * @param string $bridgeUrl the bridge as phones reach it, no trailing slash
     * @param string $extension
     * @param string $token the device token
     * @param string $auth DeskPhoneConfig::AUTH_TOKEN (token in each URL) or AUTH_BASIC
     * @param string|null $locale the pages' language (lang=, e.g. the agent's admin locale); null: the bridge's
     * @return array<string, array{label: string, file: string,
     *     settings: array<int, array{name: string, value: string, note: string}>}> by vendor key
     */
    public function forPhone(
        string $bridgeUrl,
        string $extension,
        string $token,
        string $auth,
        ?string $locale = null
    ): array {
        $basic = $auth === DeskPhoneConfig::AUTH_BASIC;
        $url = function (
            string $vendor,
            string $path,
            string $tail = ''
        ) use (
            $bridgeUrl,
            $extension,
            $token,
            $basic,
            $locale
        ) {
            $query = ['ext' => $extension];
            if (!$basic) {
                $query['t'] = $token;
            }
            // The bridge shows its pages in this language when it ships it, else in phones.language.
            if ($locale !== null) {
                $query['lang'] = $locale;
            }
            return $bridgeUrl . '/phone/' . $vendor . '/' . $path . '?'
                . http_build_query($query, '', '&', PHP_QUERY_RFC3986) . $tail;
        };
        $lookupNote = (string)__(
            'Reverse lookup: the caller\'s number in E.164 goes at the end; the answer is the name only.'
        );
        $vendors = [];
        $vendors['yealink'] = [
            'label' => 'Yealink',
            'file' => '<MAC>.cfg',
            'settings' => array_merge(
                [
                    $this->row('remote_phonebook.data.1.url', $url('yealink', 'directory.xml'), (string)__(
                        'The shop\'s phone book (Directory > Remote Phone Book).'
                    )),
                    $this->row('remote_phonebook.data.1.name', (string)__('Customers'), ''),
                ],
                $basic ? [
                    $this->row('remote_phonebook.data.1.username', $extension, ''),
                    $this->row('remote_phonebook.data.1.password', $token, ''),
                ] : [],
                [
                    $this->row('features.remote_phonebook.enable', '1', (string)__(
                        'Incoming calls show the customer\'s name found in the remote phone book.'
                    )),
                    $this->row('action_url.incoming_call', $url('yealink', 'caller.xml'), (string)__(
                        'Caller details when the phone rings.'
                    )),
                    $this->row('', $url('yealink', 'lookup', '&number='), $lookupNote),
                ]
            ),
        ];
        $vendors['snom'] = [
            'label' => 'Snom',
            'file' => (string)__('settings XML or Setup > Advanced'),
            'settings' => [
                $this->row('dkey_directory', 'url ' . $url('snom', 'directory.xml'), (string)__(
                    'The Directory key opens the shop\'s phone book.'
                )),
                $this->row('action_incoming_url', $url('snom', 'caller.xml'), (string)__(
                    'Caller details when the phone rings.'
                )),
                $this->row('', $url('snom', 'lookup', '&number='), $lookupNote),
            ],
        ];
        $vendors['polycom'] = [
            'label' => 'Polycom',
            'file' => '<MAC>.cfg',
            'settings' => [
                $this->row('mb.main.home', $url('polycom', 'caller.xml'), (string)__(
                    'The microbrowser (Applications key) shows the ringing caller\'s details and soft keys.'
                )),
                $this->row('<MAC>-directory.xml', $url('polycom', 'directory.xml'), (string)__(
                    'Polycom reads its contact directory from the provisioning server: have it fetch this URL there.'
                )),
                $this->row('', $url('polycom', 'lookup', '&number='), $lookupNote),
            ],
        ];
        $vendors['cisco'] = [
            'label' => 'Cisco',
            'file' => 'SEP<MAC>.cnf.xml',
            'settings' => [
                $this->row('<directoryURL>', $url('cisco', 'directory.xml'), (string)__(
                    'The Directories key opens the shop\'s phone book.'
                )),
                $this->row('<servicesURL>', $url('cisco', 'caller.xml'), (string)__(
                    'The Services key shows the ringing caller\'s details.'
                )),
                $this->row('', $url('cisco', 'lookup', '&number='), $lookupNote),
            ],
        ];
        $vendors['grandstream'] = [
            'label' => 'Grandstream',
            'file' => 'cfg<MAC>.xml',
            'settings' => [
                $this->row('P330', '1', (string)__('Phone book XML download: 1 = HTTP, 3 = HTTPS.')),
                $this->row('P331', $url('cisco', 'directory.xml'), (string)__(
                    'Phone book XML server path (the Cisco format, which Grandstream phones read).'
                )),
                $this->row('', $url('cisco', 'lookup', '&number='), $lookupNote),
            ],
        ];
        return $vendors;
    }

    /**
     * One setting; an empty name is a URL with no setting of its own on that phone.
     *
     * @param string $name
     * @param string $value
     * @param string $note
     * @return array{name: string, value: string, note: string}
     */
    private function row(string $name, string $value, string $note): array
    {
        return ['name' => $name, 'value' => $value, 'note' => $note];
    }
}
