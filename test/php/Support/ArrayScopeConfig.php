<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Support;

use Magento\Framework\App\Config\ScopeConfigInterface;
use Magento\Framework\Encryption\EncryptorInterface;

/**
 * Configuration values from an array keyed by path (default scope only), behaving as Magento's
 * config does for the module's own paths:
 * - the array holds what core_config_data holds (encrypted text for encrypted fields);
 * - getValue() decrypts the paths whose etc/config.xml node carries the `Encrypted` backend model
 *   (Magento's config metadata processor does exactly that), so callers get the plain value;
 * - set() stores a value as the admin form or `bin/magento config:set` would: encrypted when the
 *   etc/adminhtml/system.xml field has the `Encrypted` backend model. setRaw() writes the stored text.
 */
class ArrayScopeConfig implements ScopeConfigInterface
{
    public const ENCRYPTED_BACKEND = 'Magento\Config\Model\Config\Backend\Encrypted';

    /** @var string[]|null */
    private static ?array $moduleDecryptedPaths = null;
    /** @var string[]|null */
    private static ?array $moduleEncryptedFields = null;

    private EncryptorInterface $encryptor;

    /**
     * @param array<string, mixed> $values stored values (as in core_config_data)
     */
    public function __construct(private array $values = [], ?EncryptorInterface $encryptor = null)
    {
        $this->encryptor = $encryptor ?? new PrefixEncryptor();
    }

    /** Saves through the backend model, as the admin form does. */
    public function set(string $path, mixed $value): self
    {
        if (in_array($path, self::encryptedFields(), true) && $value !== null && $value !== '') {
            $value = $this->encryptor->encrypt((string)$value);
        }
        $this->values[$path] = $value;
        return $this;
    }

    /** Writes the stored text as is (a row written straight into core_config_data). */
    public function setRaw(string $path, mixed $value): self
    {
        $this->values[$path] = $value;
        return $this;
    }

    public function getRaw(string $path): mixed
    {
        return $this->values[$path] ?? null;
    }

    public function getValue($path, $scopeType = ScopeConfigInterface::SCOPE_TYPE_DEFAULT, $scopeCode = null)
    {
        $value = $this->values[$path] ?? null;
        if ($value !== null && $value !== '' && in_array($path, self::decryptedPaths(), true)) {
            return $this->encryptor->decrypt((string)$value);
        }
        return $value;
    }

    public function isSetFlag($path, $scopeType = ScopeConfigInterface::SCOPE_TYPE_DEFAULT, $scopeCode = null)
    {
        return !empty($this->getValue($path, $scopeType, $scopeCode));
    }

    /**
     * Paths Magento decrypts on read: etc/config.xml nodes under <default> with
     * backend_model="...\Encrypted".
     *
     * @return string[]
     */
    public static function decryptedPaths(): array
    {
        if (self::$moduleDecryptedPaths === null) {
            $doc = self::load('etc/config.xml');
            $paths = [];
            foreach ((new \DOMXPath($doc))->query('/config/default//*[@backend_model]') as $node) {
                if (ltrim($node->getAttribute('backend_model'), '\\') !== self::ENCRYPTED_BACKEND) {
                    continue;
                }
                $parts = [];
                for ($n = $node; $n->nodeName !== 'default'; $n = $n->parentNode) {
                    array_unshift($parts, $n->nodeName);
                }
                $paths[] = implode('/', $parts);
            }
            self::$moduleDecryptedPaths = $paths;
        }
        return self::$moduleDecryptedPaths;
    }

    /**
     * Paths the admin saves encrypted: etc/adminhtml/system.xml fields whose backend model is Encrypted.
     *
     * @return string[]
     */
    public static function encryptedFields(): array
    {
        if (self::$moduleEncryptedFields === null) {
            $xpath = new \DOMXPath(self::load('etc/adminhtml/system.xml'));
            $paths = [];
            foreach ($xpath->query('//section//field[backend_model]') as $field) {
                if (ltrim(trim($xpath->query('backend_model', $field)->item(0)->textContent), '\\')
                    !== self::ENCRYPTED_BACKEND) {
                    continue;
                }
                $configPath = $xpath->query('config_path', $field)->item(0);
                if ($configPath !== null) {
                    $paths[] = trim($configPath->textContent);
                    continue;
                }
                $ids = [];
                for ($n = $field; $n instanceof \DOMElement && $n->nodeName !== 'system'; $n = $n->parentNode) {
                    array_unshift($ids, $n->getAttribute('id'));
                }
                $paths[] = implode('/', $ids);
            }
            self::$moduleEncryptedFields = $paths;
        }
        return self::$moduleEncryptedFields;
    }

    private static function load(string $relative): \DOMDocument
    {
        $doc = new \DOMDocument();
        if (!$doc->load(TranslatableStrings::MODULE_DIR . '/' . $relative)) {
            throw new \RuntimeException('cannot read the module\'s ' . $relative);
        }
        return $doc;
    }
}
