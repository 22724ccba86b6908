<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\DeskPhone\DeskPhoneConfig;
use Bandeau\Cti\Model\DeskPhone\DeviceToken;
use Bandeau\Cti\Model\DeskPhone\ProvisioningSettings;
use Bandeau\Cti\Model\DeskPhone\StaffDirectory;
use Magento\Framework\UrlInterface;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * Stores › Bandeau CTI › Desk Phones: for each agent with an extension (and each line of the staff
 * list), the device token and the URLs to paste into the phone's provisioning, per vendor.
 */
class DeskPhones implements ArgumentInterface
{
    /**
     * @param DeskPhoneConfig $config
     * @param StaffDirectory $staffDirectory
     * @param DeviceToken $deviceToken
     * @param ProvisioningSettings $settings
     * @param UrlInterface $url
     */
    public function __construct(
        private DeskPhoneConfig $config,
        private StaffDirectory $staffDirectory,
        private DeviceToken $deviceToken,
        private ProvisioningSettings $settings,
        private UrlInterface $url
    ) {
    }

    /**
     * What stops the page from listing URLs, as messages for the admin user; none when it can.
     *
     * @return string[]
     */
    public function getProblems(): array
    {
        $problems = [];
        if ($this->config->getBridgeUrl() === null) {
            $problems[] = (string)__(
                'The bridge URL for phones is missing or not valid (http or https, no user or password).'
            );
        }
        if (strlen($this->config->getSharedSecret()) < Config::MIN_SECRET_LENGTH) {
            $problems[] = (string)__(
                'The shared secret is not set or shorter than %1 characters: device tokens are derived from it.',
                Config::MIN_SECRET_LENGTH
            );
        }
        return $problems;
    }

    /**
     * The bridge as phones reach it, or null.
     *
     * @return string|null
     */
    public function getBridgeUrl(): ?string
    {
        return $this->config->getBridgeUrl();
    }

    /**
     * Whether phones authenticate with HTTP basic auth (else the token is in each URL).
     *
     * @return bool
     */
    public function isBasicAuth(): bool
    {
        return $this->config->getAuth() === DeskPhoneConfig::AUTH_BASIC;
    }

    /**
     * The device token version the tokens are made with.
     *
     * @return int
     */
    public function getTokenVersion(): int
    {
        return $this->config->getTokenVersion();
    }

    /**
     * Where the settings are changed (Stores > Configuration > Bandeau CTI).
     *
     * @return string
     */
    public function getConfigUrl(): string
    {
        return $this->url->getUrl('adminhtml/system_config/edit', ['section' => 'bandeau']);
    }

    /**
     * The phones: agents with an extension, then staff list lines with an extension no agent has;
     * empty when getProblems() is not.
     *
     * @return array<int, array{name: string, extension: string, agent: bool, locale: ?string, token: string,
     *     vendors: array<string, array{label: string, file: string,
     *     settings: array<int, array{name: string, value: string, note: string}>}>}>
     */
    public function getPhones(): array
    {
        $bridgeUrl = $this->config->getBridgeUrl();
        if ($bridgeUrl === null || $this->getProblems() !== []) {
            return [];
        }
        $secret = $this->config->getSharedSecret();
        $version = $this->config->getTokenVersion();
        $auth = $this->config->getAuth();
        $result = [];
        foreach ($this->staffDirectory->extensions() as $phone) {
            $token = $this->deviceToken->forExtension($secret, $version, $phone['extension']);
            $result[] = $phone + [
                'token' => $token,
                'vendors' => $this->settings->forPhone(
                    $bridgeUrl,
                    $phone['extension'],
                    $token,
                    $auth,
                    $phone['locale']
                ),
            ];
        }
        return $result;
    }
}
