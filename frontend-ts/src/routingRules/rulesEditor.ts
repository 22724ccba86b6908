/**
 * RequireJS module `Bandeau_Cti/js/routing-rules` (templates/routing/rules.phtml, through
 * x-magento-init, in Stores > Configuration > Bandeau > Call routing): the routing rules as cards
 * stacked in evaluation order, each with its own labelled fields, and Add rule, Delete, Move up,
 * Move down. The cards are plain form fields inside Magento's config form: the order of the cards
 * in the page is the order the browser posts them, hence the order the rules are stored and tried.
 * Everything shown is set as text (textContent, option labels), never as markup.
 */
import { phrase } from '../campaignPages/phrase';
import {
  CONDITION_FIELDS, MAIN_FIELDS, cellValue, fieldName, newRowId, newRowValues, ruleTitle,
  type FieldSpec, type RowValues, type StoredRow,
} from './fields';

export interface Option {
  value: string | number;
  label: string;
}

export interface RulesEditorConfig {
  /** `groups[rules][fields][list][value]` */
  name: string;
  /** The field's html id, prefix of the inputs' ids. */
  idPrefix: string;
  rows: StoredRow[];
  options: Record<string, Option[]>;
  texts: Record<string, string>;
}

let cardSeq = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function field(config: RulesEditorConfig, spec: FieldSpec, rowId: string, cardId: string, values: RowValues): HTMLElement {
  const t = config.texts;
  const id = `${config.idPrefix}_${cardId}_${spec.column}`;
  // Own classes only: Magento's admin__field styles right-align labels in the config form.
  const wrap = el('div', `bandeau-rule-field bandeau-rule-field-${spec.kind}`);
  wrap.setAttribute('data-column', spec.column);
  const label = el('label', 'bandeau-rule-label', t[spec.column] ?? spec.column);
  label.htmlFor = id;
  wrap.append(label);
  const multiple = spec.kind === 'multiselect';
  let control: HTMLInputElement | HTMLSelectElement;
  if (spec.kind === 'text') {
    const input = el('input', 'input-text admin__control-text');
    input.type = 'text';
    input.value = cellValue(values, spec.column, false) as string;
    if (spec.maxLength) input.maxLength = spec.maxLength;
    if (spec.inputMode) input.inputMode = spec.inputMode;
    input.autocomplete = 'off';
    control = input;
  } else {
    const select = el('select', multiple ? 'admin__control-multiselect' : 'admin__control-select');
    select.multiple = multiple;
    if (multiple) select.size = 4;
    const chosen = cellValue(values, spec.column, multiple);
    const selected = new Set(Array.isArray(chosen) ? chosen : [chosen]);
    for (const option of config.options[spec.column] ?? []) {
      const value = String(option.value);
      const node = new Option(String(option.label), value, false, selected.has(value));
      select.append(node);
    }
    control = select;
  }
  control.id = id;
  control.name = fieldName(config.name, rowId, spec.column, multiple);
  control.setAttribute('data-column', spec.column);
  if (spec.validate) control.className += ` ${spec.validate}`;
  wrap.append(control);
  if (spec.hint && t[spec.hint]) {
    const hint = el('span', 'bandeau-rule-hint', t[spec.hint]);
    hint.id = `${id}-hint`;
    control.setAttribute('aria-describedby', hint.id);
    wrap.append(hint);
  }
  return wrap;
}

function button(text: string, role: string, className = 'action-default'): HTMLButtonElement {
  const node = el('button', className);
  node.type = 'button';
  node.setAttribute('data-role', role);
  node.append(el('span', undefined, text));
  return node;
}

export default function rulesEditor(config: RulesEditorConfig, root: HTMLElement): void {
  const list = root.querySelector<HTMLElement>('[data-role="bandeau-rules-list"]');
  const add = root.querySelector<HTMLButtonElement>('[data-role="bandeau-rules-add"]');
  const empty = root.querySelector<HTMLElement>('[data-role="bandeau-rules-empty"]');
  const status = root.querySelector<HTMLElement>('[data-role="bandeau-rules-status"]');
  if (!list || !add) return;
  const t = config.texts ?? {};
  const ids = new Set<string>();
  const say = (text: string): void => {
    if (status) status.textContent = text;
  };
  const cards = (): HTMLElement[] => Array.from(list.querySelectorAll<HTMLElement>(':scope > [data-role="bandeau-rule"]'));

  const value = (card: HTMLElement, column: string): string =>
    card.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-column="${column}"]:is(input, select)`)?.value ?? '';

  /** Titles, positions and which moves are possible, after any change. */
  const refresh = (): void => {
    const all = cards();
    all.forEach((card, i) => {
      const title = card.querySelector<HTMLElement>('[data-role="bandeau-rule-title"]');
      if (title) title.textContent = ruleTitle(t, i + 1, value(card, 'label'), value(card, 'code'));
      card.setAttribute('data-position', String(i + 1));
      card.classList.toggle('bandeau-rule-inactive', value(card, 'active') === '0');
      const up = card.querySelector<HTMLButtonElement>('[data-role="bandeau-rule-up"]');
      const down = card.querySelector<HTMLButtonElement>('[data-role="bandeau-rule-down"]');
      if (up) up.disabled = i === 0;
      if (down) down.disabled = i === all.length - 1;
    });
    if (empty) {
      empty.hidden = all.length > 0;
      empty.textContent = t.noRules ?? '';
    }
  };

  const move = (card: HTMLElement, by: -1 | 1, focusRole: string): void => {
    const all = cards();
    const at = all.indexOf(card);
    const to = at + by;
    const other = all[to];
    if (at < 0 || !other) return;
    list.insertBefore(card, by < 0 ? other : other.nextSibling);
    refresh();
    // Keep the keyboard where it was; at the top or bottom the other button is the one left enabled.
    const target = card.querySelector<HTMLButtonElement>(`[data-role="${focusRole}"]`);
    const opposite = card.querySelector<HTMLButtonElement>(`[data-role="${focusRole === 'bandeau-rule-up' ? 'bandeau-rule-down' : 'bandeau-rule-up'}"]`);
    (target && !target.disabled ? target : opposite)?.focus();
    say(phrase(t.moved ?? '', to + 1));
  };

  const card = (row: StoredRow): HTMLElement => {
    const cardId = `r${++cardSeq}`;
    ids.add(row.id);
    const node = el('li', 'bandeau-rule');
    node.setAttribute('data-role', 'bandeau-rule');
    node.setAttribute('data-row-id', row.id);
    const head = el('div', 'bandeau-rule-head');
    const title = el('h4', 'bandeau-rule-title');
    title.id = `${config.idPrefix}_${cardId}_title`;
    title.setAttribute('data-role', 'bandeau-rule-title');
    node.setAttribute('aria-labelledby', title.id);
    const actions = el('div', 'bandeau-rule-actions');
    const up = button(t.moveUp ?? 'Move Up', 'bandeau-rule-up');
    const down = button(t.moveDown ?? 'Move Down', 'bandeau-rule-down');
    const remove = button(t.delete ?? 'Delete', 'bandeau-rule-delete');
    for (const b of [up, down, remove]) b.setAttribute('aria-describedby', title.id);
    actions.append(up, down, remove);
    head.append(title, actions);
    const body = el('div', 'bandeau-rule-body');
    const main = el('div', 'bandeau-rule-grid bandeau-rule-main');
    for (const spec of MAIN_FIELDS) main.append(field(config, spec, row.id, cardId, row.values));
    const conditions = el('fieldset', 'bandeau-rule-conditions');
    conditions.append(el('legend', 'bandeau-rule-legend', t.conditions ?? 'Conditions'));
    if (t.conditionsNote) conditions.append(el('p', 'bandeau-rule-conditions-note', t.conditionsNote));
    const grid = el('div', 'bandeau-rule-grid');
    for (const spec of CONDITION_FIELDS) grid.append(field(config, spec, row.id, cardId, row.values));
    conditions.append(grid);
    body.append(main, conditions);
    node.append(head, body);
    up.addEventListener('click', () => move(node, -1, 'bandeau-rule-up'));
    down.addEventListener('click', () => move(node, 1, 'bandeau-rule-down'));
    remove.addEventListener('click', () => {
      const all = cards();
      const at = all.indexOf(node);
      node.remove();
      ids.delete(row.id);
      refresh();
      const next = cards()[Math.min(at, cards().length - 1)];
      (next?.querySelector<HTMLElement>('[data-role="bandeau-rule-delete"]') ?? add).focus();
      say(t.deleted ?? '');
    });
    // The title follows the code and label as they are typed; inactive rules look dimmed.
    node.addEventListener('input', refresh);
    node.addEventListener('change', refresh);
    return node;
  };

  list.replaceChildren(...(config.rows ?? []).map(card));
  add.addEventListener('click', () => {
    const node = card({ id: newRowId(Date.now(), ids), values: newRowValues() });
    list.append(node);
    refresh();
    node.querySelector<HTMLInputElement>('input[data-column="code"]')?.focus();
    say(phrase(t.added ?? '', cards().length));
  });
  refresh();
}
