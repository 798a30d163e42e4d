/**
 * The numbers behind `synthgen report`: what `--json` prints and what the page draws, in one plain object. Every
 * count is a number (counts stay exact far beyond any dataset: 2^53); shares are fractions from 0 to 1.
 */

/** The tables the shop's charts read, parents first: synthgen's built-in ones, when the caller says they are (ShopTables). */
export const REPORT_TABLES = ['users', 'products', 'orders', 'order_items'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/**
 * What the shop's charts need to know of synthgen's built-in tables, handed in by the caller that holds them (the
 * CLI): which names are theirs (a table of the dataset by another name, or any table without this, gets a card of
 * its own), and the time zone of each country code of the users' country_code column, for the local-time profiles.
 */
export interface ShopTables {
  readonly names: readonly string[];
  readonly zones: readonly { readonly countryCode: string; readonly timeZone: string }[];
  /**
   * The standard offset from UTC in hours of each country orders ship to (orders.shipping_country), for late
   * deliveries: the promised date is in the destination's calendar (synthgen's orders: LOCALES' offsets, summer time
   * not modelled). Without it, delivered_date is compared by its UTC date.
   */
  readonly destinations?: readonly { readonly country: string; readonly utcOffset: number }[];
}

/**
 * A chart's numbers, or why it is left out (its table or a column it needs is not in the dataset): a union on
 * `state`, so a reader cannot take the numbers of a chart that has none.
 */
export type Section<T> = { readonly state: 'shown'; readonly data: T } | { readonly state: 'omitted'; readonly reason: string };

export interface TableSummary {
  readonly files: number;
  readonly rows: number;
}

export interface OrdersPerDay {
  /** Every day (UTC) from the first order's to the last's, days without orders included as 0. */
  readonly days: readonly { readonly date: string; readonly orders: number }[];
}

export interface HourOfDay {
  /** Orders by hour 0-23 of the order time in UTC. */
  readonly utc: readonly number[];
  /** By hour in the customer's time zone (their country's main zone), or null without the users table. */
  readonly local: readonly number[] | null;
  /** Orders left out of `local`: their user is not in the users table, or lives where no zone is known. */
  readonly ordersWithoutZone: number;
}

export interface WeekdayProfile {
  /** `local`: the customer's time zone, as for HourOfDay; `utc` when there is no users table to take it from. */
  readonly clock: 'local' | 'utc';
  /** Monday first. */
  readonly days: readonly string[];
  readonly orders: readonly number[];
}

export interface OrdersByMonth {
  /**
   * One entry per calendar year (UTC) holding orders, with orders by month, January first; null for a month before
   * the first order's or after the last's, so a partial year is not drawn as falling to 0.
   */
  readonly years: readonly { readonly year: number; readonly orders: readonly (number | null)[] }[];
}

/** How orders are spread over the members of a population (users or products). */
export interface Concentration {
  /** Members counted: with `includesZero`, those with no orders too. */
  readonly population: number;
  /** Whether members with no orders are in the population (they are when the parent table is in the dataset). */
  readonly includesZero: boolean;
  readonly orders: number;
  /**
   * The Lorenz curve, [share of members, share of their orders] with members from fewest orders to most, from
   * [0, 0] to [1, 1]: sampled at evenly spaced member shares from the exact curve.
   */
  readonly lorenz: readonly (readonly [number, number])[];
  readonly gini: number;
  /** Share of all orders from the members with the most orders: the top 1%, 10% and 20% of members. */
  readonly topShares: { readonly top1: number; readonly top10: number; readonly top20: number };
  /** Share of members with no orders (0 when they are not counted). */
  readonly zeroShare: number;
  readonly maxOrders: number;
  /** Most orders of one member on one day (UTC). */
  readonly maxOrdersInOneDay: number;
}

export interface CountryCount {
  readonly country: string;
  readonly countryCode: string;
  readonly users: number;
}

export interface PriceBox {
  readonly category: string;
  readonly products: number;
  readonly min: number;
  readonly p5: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

export interface PricesByCategory {
  /** What the box plot's whiskers are: the 5th and 95th percentiles (min and max are drawn as dots). */
  readonly whiskers: 'p5-p95';
  /** By median price, lowest first. */
  readonly categories: readonly PriceBox[];
}

/** The revenue of the orders in one currency (revenue.ts defines net and gross). */
export interface Revenue {
  /** The orders' `currency` (ISO 4217 for synthgen's orders); null where it is NULL or the orders have no such column. */
  readonly currency: string | null;
  readonly orders: number;
  /** Sum of total_amount over every order, whatever its status. */
  readonly gross: number;
  /** Orders neither cancelled nor returned; null when the orders have no order_status. */
  readonly netOrders: number | null;
  /** Sum of total_amount over those orders; null when the orders have no order_status. */
  readonly net: number | null;
  /** net / netOrders, to the cent; null without a net or with no order in it. */
  readonly averageNetOrder: number | null;
}

/** Deliveries against the promised date, as shares of `delivered` from 0 to 1 (late + early + onTime = 1). */
export interface DeliveryTimes {
  /** Orders delivered with a promised date (returned ones too: they were delivered first). */
  readonly delivered: number;
  /** Delivered on a later day than estimated_delivery_date. */
  readonly late: number;
  readonly early: number;
  readonly onTime: number;
}

/** Late deliveries (deliveries.ts): overall, and per shipping method. */
export interface Deliveries extends DeliveryTimes {
  /**
   * `local`: delivered_date's day in the destination's calendar (ShopTables.destinations by orders.shipping_country);
   * `utc`: its UTC day, when the report knows no offset or the orders have no shipping_country.
   */
  readonly clock: 'local' | 'utc';
  /** With the `local` clock, deliveries compared by their UTC day: their shipping_country has no known offset. */
  readonly withoutOffset: number;
  /** Per shipping_method, most often late first; null when the orders have no shipping_method column. */
  readonly byMethod: readonly (DeliveryTimes & { readonly method: string | null })[] | null;
}

/** Order lines whose product the same customer had bought in an earlier order (reorders.ts). */
export interface Reorders {
  /** Lines with a customer and a product (order_items joined to orders; an older dataset's orders, one product each). */
  readonly lines: number;
  /** Of those, lines whose product the customer had in an earlier order (by order_date, then order_id). */
  readonly reordered: number;
  /** reordered / lines, 0 to 1. */
  readonly share: number;
}

export interface ReportSummary {
  readonly firstOrder: string | null;
  readonly lastOrder: string | null;
  /** Per currency, most gross first; null without orders.total_amount. */
  readonly revenue: readonly Revenue[] | null;
  readonly countries: number | null;
  readonly categories: number | null;
  /** Lines per order with lines, and the share of those with one (order_items); null without order_items. */
  readonly baskets: { readonly linesPerOrder: number; readonly singleItem: number } | null;
  /** Null without orders.delivered_date and estimated_delivery_date, or with no order delivered. */
  readonly deliveries: Deliveries | null;
  /** Null without the lines' product_id or the orders' user_id and order_date, or with no such line. */
  readonly reorders: Reorders | null;
}

export interface ReportCharts {
  readonly ordersPerDay: Section<OrdersPerDay>;
  readonly hourOfDay: Section<HourOfDay>;
  readonly weekday: Section<WeekdayProfile>;
  readonly ordersByMonth: Section<OrdersByMonth>;
  readonly ordersPerUser: Section<Concentration>;
  readonly ordersPerProduct: Section<Concentration>;
  readonly customersByCountry: Section<readonly CountryCount[]>;
  readonly pricesByCategory: Section<PricesByCategory>;
}

export type ChartId = keyof ReportCharts;

export interface ReportData {
  /** How the dataset was named: the folder as given, or s3://bucket/prefix/. */
  readonly dataset: string;
  /** ISO time the report was made. */
  readonly generatedAt: string;
  /**
   * Rows and files of every table of the dataset: the shop's first (null for one the charts need that the dataset
   * lacks, when it has any of them), then its own tables by name.
   */
  readonly tables: Readonly<Record<string, TableSummary | null>>;
  readonly summary: ReportSummary;
  /** Things a reader should know: tables missing, objects not downloaded, orders without a time zone. */
  readonly notes: readonly string[];
  readonly charts: ReportCharts;
  /** The dataset's other tables (a schema file's, a module's), profiled from their files. */
  readonly own: readonly TableProfile[];
}

/** One column of a table the report profiles: DuckDB's SUMMARIZE, and the most common values of a few-valued one. */
export interface ColumnProfile {
  readonly name: string;
  /** What the schema file or module given says the column means; null without one. */
  readonly description: string | null;
  readonly type: string;
  /** Share of rows where it is NULL, 0 to 1. */
  readonly nullShare: number;
  /** DuckDB's estimate of the distinct values (HyperLogLog: a few percent off). */
  readonly approxDistinct: number;
  readonly min: string | null;
  readonly max: string | null;
  /** The mean of a numeric column, else null. */
  readonly mean: number | null;
  /** 25th, 50th and 75th percentiles (approximate) of a numeric or time column, else null. */
  readonly quartiles: readonly [string, string, string] | null;
  /** For a text or boolean column of at most 50 values: the most common (up to 5), with their share of all rows. */
  readonly top: readonly { readonly value: string; readonly share: number }[];
}

/**
 * What a schema file or a module says of one of its tables: the report reads the rows from the files alone, and
 * shows these words beside them.
 */
export interface TableDescription {
  readonly name: string;
  readonly description: string;
  /** The file that defines it, as the report names it. */
  readonly definedIn: string;
  readonly columns: readonly { readonly name: string; readonly description: string }[];
}

export interface TableProfile {
  readonly name: string;
  /** What the schema file or module given says the table is; null without one. */
  readonly description: string | null;
  readonly rows: number;
  readonly files: number;
  /** Rows by calendar month (UTC) of the table's first date or time column, or null when it has none. */
  readonly byMonth: { readonly column: string; readonly months: readonly { readonly month: string; readonly rows: number }[] } | null;
  readonly columns: readonly ColumnProfile[];
}
