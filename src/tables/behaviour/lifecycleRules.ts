/**
 * The rule verify checks of a customer's record (customerLifecycle.ts): its columns agree with each other. Against
 * the orders it agrees only with those of the run that made it (later runs add orders it does not count, and a
 * dataset of users alone has none to compare): test/realism-lifecycle.test.ts checks that agreement.
 */
import type { Rule } from '../../model/tableDefinition.js';

export const lifecycleRules: Rule[] = [
  {
    description: 'order_count, first_order_date, last_order_date and lifetime_value agree (none without orders), and last_login is not before the last order',
    violations: (t) =>
      `${t('users')} WHERE ((order_count = 0) <> (last_order_date IS NULL)) OR ((order_count = 0) <> (first_order_date IS NULL)) OR (order_count = 0 AND lifetime_value <> 0)
        OR first_order_date > last_order_date OR first_order_date < registration_date OR last_login < last_order_date OR login_count < order_count
        OR ((order_count = 0) <> (loyalty_tier = 'none')) OR (order_count > 0 AND account_status = 'pending_verification')`,
  },
];
