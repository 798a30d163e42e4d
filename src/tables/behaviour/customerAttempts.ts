/**
 * How an order takes its customer (orders' user_id): how many it draws, which of those tries ask what, and which
 * orders are customers' first by construction. Read by the orders and by their lines, which recompute a stock-up
 * run's first draws (regularCustomer.ts).
 */

/** Every WELCOME_EVERY-th order goes to a customer who registered since the one before, as their first order. */
export const WELCOME_EVERY = 12;
/** Customers drawn before one whose local hour and whom the basket fit is taken (docs/time.md gives the share of orders that keep the last one). */
export const CUSTOMER_ATTEMPTS = 8;
/** The first tries, which ask how well the basket fits the customer too (basketFit.ts); the rest ask only the hour. */
export const FIT_ATTEMPTS = 5;
