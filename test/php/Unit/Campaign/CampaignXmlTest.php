<?php

declare(strict_types=1);

namespace Bandeau\Cti\Test\Unit\Campaign;

use Bandeau\Cti\Model\Campaign\BuildScheduler;
use Bandeau\Cti\Test\Support\TranslatableStrings;
use PHPUnit\Framework\TestCase;

/**
 * The declarations the campaign code relies on: queue topic, consumer, menu, button, layouts.
 */
class CampaignXmlTest extends TestCase
{
    private function xpath(string $relative): \DOMXPath
    {
        $doc = new \DOMDocument();
        self::assertTrue($doc->load(TranslatableStrings::MODULE_DIR . '/' . $relative), $relative);
        return new \DOMXPath($doc);
    }

    public function testBuildTopicIsDeclaredPublishedRoutedAndConsumed(): void
    {
        $topic = BuildScheduler::TOPIC;
        self::assertSame('string', $this->xpath('etc/communication.xml')
            ->query("//topic[@name='$topic']")->item(0)->getAttribute('request'));
        $publisher = $this->xpath('etc/queue_publisher.xml')->query("//publisher[@topic='$topic']")->item(0);
        self::assertFalse($publisher->hasAttribute('connection'));
        $binding = $this->xpath('etc/queue_topology.xml')->query("//binding[@topic='$topic']")->item(0);
        self::assertSame($topic, $binding->getAttribute('destination'));
        $consumer = $this->xpath('etc/queue_consumer.xml')->query("//consumer[@queue='$topic']")->item(0);
        self::assertFalse($consumer->hasAttribute('connection'));
        [$class, $method] = explode('::', $consumer->getAttribute('handler'));
        self::assertTrue(method_exists($class, $method), $consumer->getAttribute('handler'));
    }

    public function testMenuButtonAndPages(): void
    {
        $menu = $this->xpath('etc/adminhtml/menu.xml')->query("//add[@id='Bandeau_Cti::campaigns']")->item(0);
        self::assertSame('Magento_Backend::marketing', $menu->getAttribute('parent'));
        self::assertSame('bandeau/campaign/index', $menu->getAttribute('action'));
        self::assertSame('Bandeau_Cti::campaigns', $menu->getAttribute('resource'));
        $button = $this->xpath('view/adminhtml/ui_component/customer_form.xml')->query('//button')->item(0);
        self::assertTrue(class_exists($button->getAttribute('class')));
        foreach (['index' => 'list', 'new' => 'form', 'view' => 'view'] as $action => $template) {
            $block = $this->xpath("view/adminhtml/layout/bandeau_campaign_$action.xml")->query('//block')->item(0);
            self::assertSame("Bandeau_Cti::campaign/$template.phtml", $block->getAttribute('template'));
            self::assertFileExists(TranslatableStrings::MODULE_DIR . "/view/adminhtml/templates/campaign/$template.phtml");
            $controller = 'Bandeau\\Cti\\Controller\\Adminhtml\\Campaign\\' . ($action === 'new' ? 'NewAction' : ucfirst($action));
            self::assertTrue(class_exists($controller), $controller);
        }
    }
}
