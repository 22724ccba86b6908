<?php

/**
 * Stand-in for Magento\Config\Block\System\Config\Form\Field, the frontend model of a field of
 * Stores > Configuration: render() wraps _getElementHtml() in the field's table row (label cell,
 * value cell) as Magento does; _toHtml() renders the block's template (Vendor_Module::path.phtml,
 * from the module's view/adminhtml/templates) with $block and $escaper, as Magento's template
 * engine does.
 */

declare(strict_types=1);

namespace Magento\Config\Block\System\Config\Form;

use Magento\Backend\Block\Template\Context;
use Magento\Framework\Data\Form\Element\AbstractElement;
use Magento\Framework\Escaper;
use Magento\Framework\View\Helper\SecureHtmlRenderer;

class Field extends \Magento\Backend\Block\Template
{
    public function __construct(private Context $context, array $data = [], ?SecureHtmlRenderer $secureRenderer = null)
    {
        parent::__construct($data);
    }

    public function setTemplate($template)
    {
        return $this->setData('template', $template);
    }

    public function getUrl($route = '', $params = [])
    {
        return $this->context->getUrlBuilder()->getUrl($route, $params);
    }

    public function render(AbstractElement $element)
    {
        $escaper = new Escaper();
        return '<tr id="row_' . $escaper->escapeHtmlAttr((string)$element->getHtmlId()) . '">'
            . '<td class="label"><label for="' . $escaper->escapeHtmlAttr((string)$element->getHtmlId()) . '"><span>'
            . $escaper->escapeHtml((string)$element->getData('label')) . '</span></label></td>'
            . '<td class="value">' . $this->_getElementHtml($element) . '</td><td class=""></td></tr>';
    }

    protected function _getElementHtml(AbstractElement $element)
    {
        return '';
    }

    protected function _toHtml()
    {
        [$module, $path] = explode('::', (string)$this->getTemplate(), 2);
        if ($module !== 'Bandeau_Cti' || str_contains($path, '..')) {
            throw new \InvalidArgumentException('template ' . $this->getTemplate());
        }
        $file = dirname(__DIR__, 9) . '/app/code/Bandeau/Cti/view/adminhtml/templates/' . $path;
        $block = $this;
        $escaper = new Escaper();
        ob_start();
        include $file;
        return (string)ob_get_clean();
    }
}
