<?php

declare(strict_types=1);

namespace Bandeau\Cti\ViewModel;

use Bandeau\Cti\Model\Agent\AgentProfile;
use Bandeau\Cti\Model\Config;
use Bandeau\Cti\Model\LocaleCode;
use Bandeau\Cti\Model\Permissions;
use Bandeau\Cti\Model\PhoneBar\UiStrings;
use Bandeau\Cti\Model\WrapUp\WrapUpOptions;
use Magento\Backend\Model\Auth\Session as AuthSession;
use Magento\Backend\Model\UrlInterface as BackendUrl;
use Magento\Framework\Data\Form\FormKey;
use Magento\Framework\Stdlib\DateTime\TimezoneInterface;
use Magento\Framework\View\Asset\Repository as AssetRepository;
use Magento\Framework\View\Element\Block\ArgumentInterface;

/**
 * Data for the phone bar root element rendered at the end of every admin page.
 */
class PhoneBar implements ArgumentInterface
{
    public const WORKER_NAME = 'bandeau-cti';
    public const TOKEN_ROUTE = 'bandeau/token/index';
    public const WORKER_ROUTE = 'bandeau/worker/script';
    public const LOOKUP_ROUTE = 'bandeau/lookup/index';
    public const NOTE_ROUTE = 'bandeau/call/note';
    /** The dial box's search of customers and orders (POST q, form_key). */
    public const DIRECTORY_ROUTE = 'bandeau/directory/search';
    public const DEFAULT_LOCALE = 'en_US';
    /** Campaign work from the phone bar: claim the next contact, record the outcome. */
    public const CAMPAIGN_NEXT_ROUTE = 'bandeau/campaign/next';
    public const CAMPAIGN_OUTCOME_ROUTE = 'bandeau/campaign/outcome';
    /** Campaign day: skip or snooze the held contact, the agent's counters. */
    public const CAMPAIGN_SKIP_ROUTE = 'bandeau/campaign/skip';
    public const CAMPAIGN_SNOOZE_ROUTE = 'bandeau/campaign/snooze';
    public const CAMPAIGN_TODAY_ROUTE = 'bandeau/campaign/today';
    /** "My day": the agent's calls today, missed calls to call back, their campaign results. */
    public const MY_DAY_ROUTE = 'bandeau/analytics/myday';
    /** Softphone mode: the logged-in user's SIP account, fetched by the worker (never in the markup). */
    public const SOFTPHONE_CREDENTIALS_ROUTE = 'bandeau/softphone/credentials';
    /** The pop-out phone window (stable URL, no secret key: the window is opened by the bar). */
    public const SOFTPHONE_POPOUT_ROUTE = 'bandeau/softphone/popout';
    public const ROLE_PAGE = 'page';
    public const ROLE_POPOUT = 'popout';
    public const PAGE_BUNDLE_FILE_ID = 'Bandeau_Cti::js/bandeau-page.js';

    /**
     * @param AuthSession $authSession
     * @param Permissions $permissions
     * @param AgentProfile $agentProfile
     * @param Config $config
     * @param BackendUrl $backendUrl
     * @param FormKey $formKey
     * @param AssetRepository $assetRepository
     * @param UiStrings $uiStrings
     * @param WrapUpOptions $wrapUpOptions
     * @param TimezoneInterface $timezone
     */
    public function __construct(
        private AuthSession $authSession,
        private Permissions $permissions,
        private AgentProfile $agentProfile,
        private Config $config,
        private BackendUrl $backendUrl,
        private FormKey $formKey,
        private AssetRepository $assetRepository,
        private UiStrings $uiStrings,
        private WrapUpOptions $wrapUpOptions,
        private TimezoneInterface $timezone
    ) {
    }

    /**
     * Whether the bar is shown on this page.
     *
     * Only for a logged-in admin user allowed to use the phone bar, with an extension, when the
     * bridge URL and the shared secret are configured.
     */
    public function shouldRender(): bool
    {
        if (!$this->authSession->isLoggedIn()) {
            return false;
        }
        $user = $this->authSession->getUser();
        if ($user === null || !$this->permissions->isAllowed(Permissions::PHONE_BAR)) {
            return false;
        }
        if ($this->agentProfile->getExtension($user) === null) {
            return false;
        }
        return $this->config->getBridgeUrl() !== null && $this->config->getSharedSecret() !== '';
    }

    /**
     * The configured bridge URL.
     *
     * @return string
     */
    public function getBridgeUrl(): string
    {
        return (string)$this->config->getBridgeUrl();
    }

    /**
     * The token controller URL, with the admin secret key.
     */
    public function getTokenUrl(): string
    {
        return (string)$this->backendUrl->getUrl(self::TOKEN_ROUTE);
    }

    /**
     * The admin form key the bar posts with.
     *
     * @return string
     */
    public function getFormKey(): string
    {
        return (string)$this->formKey->getFormKey();
    }

    /**
     * The worker script URL: stable, no secret key, so that every page names the same worker.
     */
    public function getWorkerUrl(): string
    {
        return (string)$this->backendUrl->getUrl(self::WORKER_ROUTE, ['_nosecret' => true]);
    }

    /**
     * The caller lookup controller URL (screen pop), with the admin secret key.
     */
    public function getLookupUrl(): string
    {
        return (string)$this->backendUrl->getUrl(self::LOOKUP_ROUTE);
    }

    /**
     * The wrap-up note controller URL, with the admin secret key.
     */
    public function getNoteUrl(): string
    {
        return (string)$this->backendUrl->getUrl(self::NOTE_ROUTE);
    }

    /**
     * The admin user's interface locale ("fr_FR"): the bar's plurals, dates and durations follow it.
     *
     * @return string
     */
    public function getLocale(): string
    {
        $locale = (string)$this->authSession->getUser()?->getData('interface_locale');
        return preg_match(LocaleCode::PATTERN, $locale) === 1 ? $locale : self::DEFAULT_LOCALE;
    }

    /**
     * The store's time zone (general/locale/timezone): the bar shows times as the Calls grid does.
     *
     * @return string
     */
    public function getTimeZone(): string
    {
        return (string)$this->timezone->getConfigTimezone();
    }

    /**
     * The versioned URL of the page bundle.
     *
     * @return string
     */
    public function getPageBundleUrl(): string
    {
        return (string)$this->assetRepository->getUrl(self::PAGE_BUNDLE_FILE_ID);
    }

    /**
     * The configuration the page bundle starts the bar with (URLs, mode, translations).
     *
     * @param string $role
     * @return array{bridgeUrl: string, bridgeUrls?: string[], tokenUrl: string, formKey: string, workerUrl: string,
     *     workerName: string, lookupUrl: string, directoryUrl: string, locale: string, timeZone: string, mode: string,
     *     noteUrl: string, campaignNextUrl: string, campaignOutcomeUrl: string,
     *     i18n: array<string, string>}
     */
    public function getConfig(string $role = self::ROLE_PAGE): array
    {
        $softphone = $this->config->getMode() === Config::MODE_SOFTPHONE;
        return [
            'bridgeUrl' => $this->getBridgeUrl(),
            // Several bridges: the worker falls over to the next one (a single one keeps the old config).
            ...(count($this->config->getBridgeUrls()) > 1 ? ['bridgeUrls' => $this->config->getBridgeUrls()] : []),
            'tokenUrl' => $this->getTokenUrl(),
            'formKey' => $this->getFormKey(),
            'workerUrl' => $this->getWorkerUrl(),
            'workerName' => self::WORKER_NAME,
            'lookupUrl' => $this->getLookupUrl(),
            'directoryUrl' => (string)$this->backendUrl->getUrl(self::DIRECTORY_ROUTE),
            'locale' => $this->getLocale(),
            'timeZone' => $this->getTimeZone(),
            'mode' => $this->config->getMode(),
            'noteUrl' => $this->getNoteUrl(),
            'campaignNextUrl' => (string)$this->backendUrl->getUrl(self::CAMPAIGN_NEXT_ROUTE),
            'campaignOutcomeUrl' => (string)$this->backendUrl->getUrl(self::CAMPAIGN_OUTCOME_ROUTE),
            'campaignSkipUrl' => (string)$this->backendUrl->getUrl(self::CAMPAIGN_SKIP_ROUTE),
            'campaignSnoozeUrl' => (string)$this->backendUrl->getUrl(self::CAMPAIGN_SNOOZE_ROUTE),
            'campaignTodayUrl' => (string)$this->backendUrl->getUrl(self::CAMPAIGN_TODAY_ROUTE),
            'myDayUrl' => (string)$this->backendUrl->getUrl(self::MY_DAY_ROUTE),
            'wrapUp' => $this->wrapUpOptions->forPhoneBar(),
            ...($softphone
                ? [
                    'softphoneCredentialsUrl' => (string)$this->backendUrl->getUrl(self::SOFTPHONE_CREDENTIALS_ROUTE),
                    'softphonePopoutUrl' => (string)$this->backendUrl->getUrl(
                        self::SOFTPHONE_POPOUT_ROUTE,
                        ['_nosecret' => true]
                    ),
                ]
                : []),
            ...($role === self::ROLE_POPOUT ? ['role' => self::ROLE_POPOUT] : []),
            'i18n' => $this->uiStrings->translations(),
        ];
    }

    /**
     * The config as JSON, to be escaped into the data-bandeau-config attribute.
     *
     * @param string $role
     */
    public function getConfigJson(string $role = self::ROLE_PAGE): string
    {
        return json_encode(
            $this->getConfig($role),
            JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR
        );
    }
}
