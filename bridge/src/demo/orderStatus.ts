/**
 * Order statuses as the module shows them (Model/Lookup/OrderStatusLabels.php): Magento's label of
 * each default status, translated by the admin user's language (the module's CSVs carry the
 * French), a status without a label as its words. The demo's orders hold codes, as Magento's do.
 */
const MAGENTO_LABELS: Record<string, string> = {
  pending: 'Pending',
  processing: 'Processing',
  complete: 'Complete',
  closed: 'Closed',
  canceled: 'Canceled',
  holded: 'On Hold',
  fraud: 'Suspected Fraud',
  payment_review: 'Payment Review',
  pending_payment: 'Pending Payment',
};

export function orderStatusLabel(code: string, translate: (text: string) => string = (t) => t): string {
  const label = MAGENTO_LABELS[code] ?? code.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  return translate(label);
}
