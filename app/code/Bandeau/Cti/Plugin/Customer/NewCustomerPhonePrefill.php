<?php

declare(strict_types=1);

namespace Bandeau\Cti\Plugin\Customer;

use Bandeau\Cti\Model\Lookup\PhoneBarLookup;
use Bandeau\Cti\Model\Phone\PhoneNormaliser;
use Magento\Customer\Model\Customer\DataProviderWithDefaultAddresses;
use Magento\Framework\App\RequestInterface;

/**
 * "Create customer" from the phone bar opens customer/index/new?bandeau_phone=+33612345678: the
 * new customer's form data gets that number as the default billing address telephone. Only a
 * well-formed E.164 number is taken; an existing customer's form is left alone.
 */
class NewCustomerPhonePrefill
{
    /** Key of the new (not yet saved) customer in the form data provider's data. */
    public const NEW_CUSTOMER_KEY = '';
    /** The customer form field that carries the number (view/adminhtml/ui_component/customer_form.xml). */
    public const FORM_FIELD = 'bandeau_phone';

    /**
     * @param RequestInterface $request
     * @param PhoneNormaliser $normaliser
     */
    public function __construct(private RequestInterface $request, private PhoneNormaliser $normaliser)
    {
    }

    /**
     * Puts the caller's number (bandeau_phone) on the new customer's form and default addresses.
     *
     * @param DataProviderWithDefaultAddresses $subject
     * @param array|mixed $result
     * @return array|mixed
     */
    public function afterGetData(DataProviderWithDefaultAddresses $subject, $result)
    {
        $phone = $this->request->getParam(PhoneBarLookup::PREFILL_PARAM);
        if (!is_array($result) || !is_string($phone) || !$this->normaliser->isE164($phone)) {
            return $result;
        }
        if ((int)$this->request->getParam('id') > 0) {
            return $result;
        }
        $data = $result[self::NEW_CUSTOMER_KEY] ?? [];
        if (!is_array($data)) {
            return $result;
        }
        $data['customer'] = is_array($data['customer'] ?? null) ? $data['customer'] : [];
        // Shown on the form (core's new-customer form has no address fields) and saved with the customer.
        $data['customer'][self::FORM_FIELD] = $phone;
        foreach (['default_billing_address', 'default_shipping_address'] as $key) {
            $address = is_array($data[$key] ?? null) ? $data[$key] : [];
            if (trim((string)($address['telephone'] ?? '')) === '') {
                $address['telephone'] = $phone;
            }
            $data[$key] = $address;
        }
        $result[self::NEW_CUSTOMER_KEY] = $data;
        return $result;
    }
}
