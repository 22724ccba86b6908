import {
  COLUMNS, CONDITION_FIELDS, MAIN_FIELDS, cellValue, fieldName, newRowId, newRowValues, ruleTitle,
} from '../../../frontend-ts/src/routingRules/fields';

// The routing rules editor's model (frontend-ts/src/routingRules/fields.ts); the cards themselves
// are driven in Chromium by test/e2e/routingTestBox.e2e.ts.
describe('routing rules editor: fields and names', () => {
  it('has one field per stored column (RoutingRules::COLUMNS), each once', () => {
    const columns = [...MAIN_FIELDS, ...CONDITION_FIELDS].map((f) => f.column);
    expect([...columns].sort()).toEqual([...COLUMNS].sort());
    expect(new Set(columns).size).toBe(COLUMNS.length);
    expect(MAIN_FIELDS.map((f) => f.column)).toEqual(['code', 'label', 'active', 'route', 'priority', 'message']);
    expect(CONDITION_FIELDS.filter((f) => f.kind === 'multiselect').map((f) => f.column)).toEqual(['customer_groups', 'store_ids']);
  });

  it('posts the names of Magento dynamic rows, multiselects as arrays', () => {
    const prefix = 'groups[rules][fields][list][value]';
    expect(fieldName(prefix, 'vip', 'code', false)).toBe('groups[rules][fields][list][value][vip][code]');
    expect(fieldName(prefix, '_1733000000000_0', 'store_ids', true))
      .toBe('groups[rules][fields][list][value][_1733000000000_0][store_ids][]');
  });

  it('makes new row ids as Magento does, never one already on the page', () => {
    expect(newRowId(1733000000000, new Set())).toBe('_1733000000000_0');
    expect(newRowId(1733000000000, new Set(['_1733000000000_0', '_1733000000000_1']))).toBe('_1733000000000_2');
    expect(newRowId(5, new Set(['vip']))).toMatch(/^_[0-9]+_[0-9]+$/);
    expect(newRowValues()).toEqual({ active: '1', priority: '0' });
  });

  it('reads stored cells: multiselect ids from a list or a comma-separated string, other cells as text', () => {
    expect(cellValue({ customer_groups: ['4', '2'] }, 'customer_groups', true)).toEqual(['4', '2']);
    expect(cellValue({ store_ids: '1,,2' }, 'store_ids', true)).toEqual(['1', '2']);
    expect(cellValue({}, 'store_ids', true)).toEqual([]);
    expect(cellValue({ route: 'sales' }, 'route', false)).toBe('sales');
    expect(cellValue({}, 'message', false)).toBe('');
  });

  it('titles a card with its position, label and code', () => {
    const texts = { rule: 'Règle %1', newRule: 'Nouvelle règle' };
    expect(ruleTitle(texts, 2, 'VIP customers', 'vip')).toBe('Règle 2: VIP customers (vip)');
    expect(ruleTitle(texts, 1, '', 'vip')).toBe('Règle 1: vip');
    expect(ruleTitle(texts, 1, 'vip', 'vip')).toBe('Règle 1: vip');
    expect(ruleTitle(texts, 3, ' ', '')).toBe('Règle 3: Nouvelle règle');
  });
});
