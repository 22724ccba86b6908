<?php

declare(strict_types=1);

namespace Bandeau\Cti\Model\Config\Backend;

use Bandeau\Cti\Model\BridgeUrl;
use Bandeau\Cti\Model\UrlParser;
use Magento\Framework\App\Config\Value;
use Magento\Framework\Exception\LocalizedException;

/**
 * The bridge URL setting (bandeau/bridge/bridge_url): one bridge or several (one a line or
 * comma-separated) for failover. Every entry is checked before it is saved, and the whole save
 * is refused with a message naming the first bad one. Stored tidied: one URL a line.
 */
class BridgeUrls extends Value
{
    /**
     * Checks and tidies the list.
     *
     * @return $this
     * @throws LocalizedException naming the first invalid entry (nothing is saved)
     */
    public function beforeSave()
    {
        $value = $this->getValue();
        $this->setValue(implode("\n", $this->tidy(is_scalar($value) ? (string)$value : '')));
        return parent::beforeSave();
    }

    /**
     * The list as stored, or the reason it is refused.
     *
     * @param string $list
     * @return string[]
     * @throws LocalizedException
     */
    public function tidy(string $list): array
    {
        // Plain objects, as the other backend models here: Value's constructor is Magento's to call.
        $bridgeUrl = new BridgeUrl(new UrlParser());
        $entries = $bridgeUrl->entries($list);
        if ($entries === []) {
            throw new LocalizedException(__('Enter the address of at least one Bandeau bridge.'));
        }
        $urls = [];
        foreach ($entries as $entry) {
            $url = $bridgeUrl->normalise($entry);
            if ($url === null) {
                throw new LocalizedException(__(
                    'The bridge URL "%1" is not valid: use http:// or https:// with a host, without user or password.',
                    $entry
                ));
            }
            if (!in_array($url, $urls, true)) {
                $urls[] = $url;
            }
        }
        if (count($urls) > BridgeUrl::MAX_URLS) {
            throw new LocalizedException(__('Enter at most %1 bridge URLs.', BridgeUrl::MAX_URLS));
        }
        return $urls;
    }
}
