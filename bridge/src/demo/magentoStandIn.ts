/**
 * The part of Magento's admin JavaScript the phone bar meets, as small RequireJS modules the
 * demo serves (Magento's own code is not copied; these behave as it does where it matters):
 *
 * - `ko` and `knockout` are mapped to `knockoutjs/knockout` (Magento_Theme's requirejs-config);
 * - RequireJS `deps` load `mage/bootstrap`, which needs `Magento_Ui/js/lib/knockout/bootstrap`:
 *   at DOM ready it calls `ko.applyBindings()` with no element, i.e. over the whole `<body>`. If
 *   that throws, the module fails, `mage/bootstrap` never runs the `text/x-magento-init` scripts,
 *   `Magento_Ui/js/core/app` never registers the page's components and every grid and form stays
 *   on its spinner: what the bar once did to a real Magento 2.4.6;
 * - the `scope` binding binds an element's descendants to a registered component, once.
 *
 * Test ordering, not Magento behaviour: by default the stand-in binds after the phone bar has
 * mounted (the `bandeau:mounted` mark), the order that broke a real install; a page rendered with
 * `data-demo-magento-bindings="before-bar"` binds first and only then loads the bar's bundle.
 */
export const MAGENTO_REQUIRE_MODULES: Record<string, string> = {
  'requirejs/domReady': `define(function () {
  'use strict';
  return {
    load: function (name, req, onload) {
      if (document.readyState !== 'loading') onload(document);
      else document.addEventListener('DOMContentLoaded', function () { onload(document); });
    }
  };
});
`,
  'demo/afterPhoneBar': `define(function () {
  'use strict';
  // Resolves once the phone bar has mounted (or at once when the page binds before the bar).
  return {
    load: function (name, req, onload) {
      var done = false;
      function go() { if (!done) { done = true; onload(null); } }
      function check() {
        if (document.body.getAttribute('data-demo-magento-bindings') === 'before-bar') return go();
        if (performance.getEntriesByName('bandeau:mounted').length) return go();
        var seen = new PerformanceObserver(function (list) {
          if (list.getEntriesByName('bandeau:mounted').length) { seen.disconnect(); go(); }
        });
        seen.observe({ type: 'mark', buffered: true });
        // Magento never waits for the bar: a page whose bar does not start still binds.
        setTimeout(go, 5000);
      }
      if (document.readyState !== 'loading') check();
      else document.addEventListener('DOMContentLoaded', check);
    }
  };
});
`,
  'Magento_Ui/js/lib/registry/registry': `define(function () {
  'use strict';
  var items = {}, waiting = {};
  return {
    set: function (name, value) {
      items[name] = value;
      (waiting[name] || []).forEach(function (cb) { cb(value); });
      delete waiting[name];
    },
    get: function (name, cb) {
      if (Object.prototype.hasOwnProperty.call(items, name)) cb(items[name]);
      else (waiting[name] = waiting[name] || []).push(cb);
    }
  };
});
`,
  'Magento_Ui/js/lib/knockout/bootstrap': `define(['ko', 'uiRegistry', 'domReady!', 'demo/afterPhoneBar!'], function (ko, registry) {
  'use strict';
  ko.bindingHandlers.scope = {
    init: function (el, valueAccessor, allBindings, viewModel, context) {
      registry.get(ko.unwrap(valueAccessor()), function (component) {
        ko.applyBindingsToDescendants(context.createChildContext(component), el);
      });
      return { controlsDescendantBindings: true };
    }
  };
  // As Magento's bootstrap does: no element, so the whole <body>.
  ko.applyBindings();
  performance.mark('magento:bound');
});
`,
  'mage/bootstrap': `define(['Magento_Ui/js/lib/knockout/bootstrap'], function () {
  'use strict';
  // mage/apply/main: every <script type="text/x-magento-init"> names components to run.
  Array.prototype.forEach.call(document.querySelectorAll('script[type="text/x-magento-init"]'), function (script) {
    var spec = JSON.parse(script.textContent)['*'] || {};
    Object.keys(spec).forEach(function (id) {
      require([id], function (run) { run(spec[id]); });
    });
  });
  var late = document.body.getAttribute('data-demo-bundle');
  if (late) {
    var s = document.createElement('script');
    s.src = late;
    document.body.appendChild(s);
  }
});
`,
  'Magento_Ui/js/core/app': `define(['ko', 'uiRegistry', 'Magento_Ui/js/lib/knockout/bootstrap'], function (ko, registry) {
  'use strict';
  // Listings (columns and rows of {text, href}) and forms (fields), bound by their scope.
  return function (data) {
    Object.keys(data.components || {}).forEach(function (name) {
      var c = data.components[name];
      registry.set(name, {
        columns: c.columns || [],
        rows: ko.observableArray(c.rows || []),
        fields: (c.fields || []).map(function (f) { return { name: f.name, label: f.label, value: ko.observable(f.value) }; })
      });
    });
  };
});
`,
};

/** RequireJS configuration of the demo pages: Magento's module ids, `baseUrl` the static base. */
export function requireConfigJs(baseUrl: string): string {
  const config = {
    baseUrl,
    map: { '*': { ko: 'knockoutjs/knockout', knockout: 'knockoutjs/knockout', uiRegistry: 'Magento_Ui/js/lib/registry/registry' } },
    paths: { domReady: 'requirejs/domReady' },
    deps: ['mage/bootstrap'],
  };
  return `require.config(${JSON.stringify(config)});\n`;
}
