<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A number of a phone book entry.
 *
 * @api
 */
interface PhonebookPhoneInterface
{
    /**
     * The number in E.164 ("+33612345678").
     *
     * @return string
     */
    public function getE164(): string;

    /**
     * Where the number was found: customer_address, customer_form, order_address or quote_address.
     *
     * @return string
     */
    public function getKind(): string;
}
