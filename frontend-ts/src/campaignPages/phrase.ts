/** Fills a translated phrase's %1, %2… placeholders, as Magento's `__('… %1 …', value)` does. */
export function phrase(template: string, ...values: Array<string | number>): string {
  return template.replace(/%(\d+)/g, (whole, index: string) => {
    const value = values[Number(index) - 1];
    return value === undefined ? whole : String(value);
  });
}
