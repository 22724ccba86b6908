<?php

declare(strict_types=1);

namespace Bandeau\Cti\Api\Data;

/**
 * A staff extension in the phone book: an agent, or a line of the configured staff list.
 *
 * @api
 */
interface PhonebookStaffInterface
{
    /**
     * The name shown on the phone ("Sales desk", an agent's first and last name).
     *
     * @return string
     */
    public function getName(): string;

    /**
     * The extension to dial ("201").
     *
     * @return string
     */
    public function getExtension(): string;
}
