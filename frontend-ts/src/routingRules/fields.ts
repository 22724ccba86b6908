/**
 * The routing rules editor's model, without the DOM: which fields a rule card has (in the stored
 * column order of Model/Config/Backend/RoutingRules::COLUMNS), the names they post (exactly what
 * Magento's dynamic rows posted, so the backend model and the stored format are unchanged), new
 * row ids, and a card's title. The editor (rulesEditor.ts) builds the cards from it.
 */
import { phrase } from '../campaignPages/phrase';

export type Column =
  | 'code' | 'label' | 'active' | 'customer_groups' | 'vip' | 'min_lifetime_sales' | 'order' | 'order_statuses'
  | 'shipped_within_days' | 'open_cart' | 'store_ids' | 'unknown_number' | 'route' | 'priority' | 'message';

/** The stored row's columns, in order. */
export const COLUMNS: readonly Column[] = [
  'code', 'label', 'active', 'customer_groups', 'vip', 'min_lifetime_sales', 'order', 'order_statuses',
  'shipped_within_days', 'open_cart', 'store_ids', 'unknown_number', 'route', 'priority', 'message',
];

export interface FieldSpec {
  column: Column;
  kind: 'text' | 'select' | 'multiselect';
  /** Magento's form validation classes (mage/validation), checked before the form posts. */
  validate?: string;
  /** Key of a hint text shown under the field and tied to it with aria-describedby. */
  hint?: string;
  inputMode?: 'numeric' | 'decimal';
  maxLength?: number;
}

/** The card's first line: what the rule is and what it does. */
export const MAIN_FIELDS: readonly FieldSpec[] = [
  { column: 'code', kind: 'text', validate: 'required-entry', hint: 'hintCode', maxLength: 32 },
  { column: 'label', kind: 'text', maxLength: 255 },
  { column: 'active', kind: 'select' },
  { column: 'route', kind: 'text', validate: 'required-entry', hint: 'hintRoute', maxLength: 32 },
  {
    column: 'priority', kind: 'text', inputMode: 'numeric', hint: 'hintPriority', maxLength: 3,
    validate: 'required-entry validate-digits validate-digits-range digits-range-0-100',
  },
  { column: 'message', kind: 'text', hint: 'hintMessage', maxLength: 259 },
];

/** The rule's conditions, all of which must hold. */
export const CONDITION_FIELDS: readonly FieldSpec[] = [
  // The two lists first: they are taller and sit side by side, the other conditions beside them.
  { column: 'customer_groups', kind: 'multiselect', hint: 'hintMulti' },
  { column: 'store_ids', kind: 'multiselect', hint: 'hintMulti' },
  { column: 'vip', kind: 'select' },
  { column: 'min_lifetime_sales', kind: 'text', inputMode: 'decimal', validate: 'validate-zero-or-greater', maxLength: 17 },
  { column: 'order', kind: 'select' },
  { column: 'order_statuses', kind: 'text', hint: 'hintStatuses', maxLength: 400 },
  { column: 'shipped_within_days', kind: 'text', inputMode: 'numeric', validate: 'validate-digits validate-digits-range digits-range-1-3650', maxLength: 4 },
  { column: 'open_cart', kind: 'select' },
  { column: 'unknown_number', kind: 'select' },
];

export type RowValues = Partial<Record<Column, string | string[]>>;

export interface StoredRow {
  id: string;
  values: RowValues;
}

/** What a new rule starts with: active, priority 0, every condition at Any. */
export function newRowValues(): RowValues {
  return { active: '1', priority: '0' };
}

/** A new row id as Magento's dynamic rows make them: `_<ms>_<n>`; unique among `taken`. */
export function newRowId(now: number, taken: ReadonlySet<string>): string {
  for (let n = 0; ; n++) {
    const id = `_${now}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The posted name of one field: `<prefix>[<row id>][<column>]`, `[]` after a multiselect's. */
export function fieldName(prefix: string, rowId: string, column: Column, multiple: boolean): string {
  return `${prefix}[${rowId}][${column}]${multiple ? '[]' : ''}`;
}

/** A card's heading: "Rule 2: VIP customers (vip)", or "Rule 3: New rule" while it has neither. */
export function ruleTitle(texts: Record<string, string>, position: number, label: string, code: string): string {
  const head = phrase(texts.rule ?? 'Rule %1', position);
  const name = label.trim() !== '' ? label.trim() : code.trim();
  if (name === '') return `${head}: ${texts.newRule ?? 'New rule'}`;
  return code.trim() !== '' && name !== code.trim() ? `${head}: ${name} (${code.trim()})` : `${head}: ${name}`;
}

/** One cell's value as the editor shows it: a multiselect's ids as a list, anything else as text. */
export function cellValue(values: RowValues, column: Column, multiple: boolean): string | string[] {
  const v = values[column];
  if (multiple) {
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
    return list.map(String).filter((id) => id !== '');
  }
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : '';
}
