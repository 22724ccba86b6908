/**
 * The caller's lookup inside a call item: pending/failed, "create customer" when nobody has the
 * number, the chooser when several customers share it, and the card with the caller's last calls
 * (when, which way, the agent's outcome and note: lastCalls.ts). Bound in the call's context
 * (`$parent` is the bar's view model).
 */
export const customerCardTemplate = `
      <div class="bandeau-bar__lookup" data-bind="attr: { 'data-lookup': lookup }">
        <p data-bind="visible: lookup === 'pending', text: $parent.t('Looking up the caller…')"></p>
        <p data-bind="visible: lookup === 'failed', text: $parent.t('Caller lookup failed')"></p>
        <!-- ko if: lookup === 'nobody' -->
        <p><span data-bind="text: $parent.t('Unknown caller')"></span>
          <a class="bandeau-bar__link" data-bind="visible: newCustomerUrl, attr: { href: newCustomerUrl }, text: $parent.t('Create customer')"></a></p>
        <!-- /ko -->
        <!-- ko if: lookup === 'many' && !$parent.chosen()[id] -->
        <p data-bind="text: $parent.t('Several customers have this number:')"></p>
        <ul class="bandeau-bar__chooser" data-bind="foreach: cards">
          <li><button type="button" class="bandeau-bar__choice" data-bind="click: function () { $parents[1].choose($parent.id, customerId); }">
            <span data-bind="text: name"></span> <small data-bind="text: email"></small></button></li>
        </ul>
        <!-- /ko -->
        <!-- ko with: $parent.cardFor($data) -->
        <div class="bandeau-bar__card" data-bind="attr: { 'data-customer-id': customerId }">
          <a class="bandeau-bar__card-name" data-bind="text: name, attr: { href: url }"></a>
          <div class="bandeau-bar__card-meta"><span data-bind="text: email"></span> <span data-bind="text: group"></span> <span data-bind="text: lifetimeSales"></span></div>
          <div class="bandeau-bar__card-cart" data-bind="visible: openCart, text: openCart"></div>
          <!-- ko if: lastOrders.length -->
          <ul class="bandeau-bar__orders" data-bind="foreach: lastOrders">
            <li><a data-bind="text: label, attr: { href: url }"></a> <span data-bind="text: status"></span></li>
          </ul>
          <!-- /ko -->
          <!-- ko if: lastCalls.length -->
          <div class="bandeau-bar__last-calls">
            <span class="bandeau-bar__last-title" data-bind="text: $parents[1].t('Last calls')"></span>
            <ul data-bind="foreach: $parents[1].lastCallsOf(lastCalls)">
              <li class="bandeau-bar__last-call" data-bind="attr: { 'data-last-call-id': id }">
                <i class="bandeau-i" aria-hidden="true" data-bind="attr: { 'data-i': icon, title: directionLabel }"></i><span class="bandeau-bar__sr" data-bind="text: directionLabel"></span>
                <span class="bandeau-bar__last-time" data-bind="text: time, attr: { title: date }"></span>
                <strong class="bandeau-bar__last-outcome" data-bind="visible: outcome, text: outcome"></strong>
                <span class="bandeau-bar__last-note" data-bind="visible: note, text: note, attr: { title: note }"></span>
              </li>
            </ul>
          </div>
          <!-- /ko -->
          <div class="bandeau-bar__card-actions">
            <a class="bandeau-bar__link" data-bind="visible: url, attr: { href: url }, text: $parents[1].t('Open customer')"></a>
            <a class="bandeau-bar__link" data-bind="visible: latestOrderUrl, attr: { href: latestOrderUrl }, text: $parents[1].t('Latest order')"></a>
            <a class="bandeau-bar__link" data-bind="visible: createOrderUrl, attr: { href: createOrderUrl }, text: $parents[1].t('Create order')"></a>
          </div>
        </div>
        <!-- /ko -->
      </div>`;
