/** What `synthgen init --schema` writes: a small, commented SaaS schema to edit, using most generators. */
export const STARTER_SCHEMA = `# yaml-language-server: $schema=SCHEMA_LINK
# A synthgen schema file: your own tables, generated like the built-in ones (docs/schema.md has every generator).
#   synthgen schema --schema THIS_FILE                       # the data dictionary of these tables
#   synthgen --schema THIS_FILE --table-names users,accounts,subscriptions,invoices --num-rows 10000
# Editors that read the first line's modeline (VS Code's YAML extension, IntelliJ) complete and check this file with
# synthgen's JSON Schema; offline, write it with \`synthgen schema --json-schema > synthgen.schema.json\` and point
# the modeline at that file.

# The faker locale(s) of faker columns: one name, or several with weights.
locale: { en_US: 3, de: 1 }

tables:
  # Each table has a key (a column with key: true): contiguous across runs, rising with the row's creation time.
  accounts:
    description: A customer account of a SaaS business.
    key: account_id
    # When rows arrive over a run's window: even, orders, registrations, listings, or your own shape.
    arrivals: registrations
    columns:
      account_id: { key: true }
      # A foreign key: only users that exist when the account is created; skew gives a few users most accounts.
      # users is synthgen's built-in table, so it must be generated too (or already be in the dataset).
      owner_id: { ref: { table: users, skew: 2, as: owner } }
      company: { faker: company.name }
      plan: { choice: { free: 60, pro: 30, enterprise: 10 } }
      seats: { int: { min: 1, max: 500, distribution: lognormal, mean: 12 }, null_rate: 0.05 }
      is_verified: { bool: 0.7 }
      # A value of the referenced row, by its alias: equal to what the users files hold.
      country: { parent: owner.country }
      created_at: { timestamp: { created: true } }
      trial_ends_on: { date: { after: created_at, span: { min: 14d, max: 14d } } }
      # unique is guaranteed, not hoped: this template ends with the key.
      slug: { template: "{company|slug}-{account_id}", unique: true }
    rules:
      # Checked by synthgen verify over every row.
      - { name: seats are positive, check: "seats IS NULL OR seats > 0" }

  subscriptions:
    key: subscription_id
    columns:
      subscription_id: { key: true }
      account_id: { ref: accounts }
      account_plan: { parent: account.plan }
      # A subscription is made at some time after its account (refs pick only rows that exist by then).
      started_at: { timestamp: { created: true } }
      # A time after a parent's time, by a drawn span.
      first_login_at: { timestamp: { after: account.created_at, span: { max: 3d, distribution: exponential, mean: 6h } } }
      # An escape hatch: any DuckDB expression over the row's columns; it needs the type it gives.
      monthly_price: { sql: "CASE account_plan WHEN 'free' THEN 0 WHEN 'pro' THEN 49 ELSE 499 END", type: "DECIMAL(10,2)" }
    rules:
      - { name: starts after the account was created, check: "started_at >= account.created_at" }

  invoices:
    key: invoice_id
    columns:
      invoice_id: { key: true }
      subscription_id: { ref: subscriptions }
      issued_at: { timestamp: { created: true } }
      due_on: { date: { after: issued_at, span: { min: 30d, max: 30d }, future: true } }
      currency: { choice: { USD: 70, EUR: 25, GBP: 5 } }
      # Computed from the invoice's lines in the same run, without reading files.
      lines: { aggregate: { count: invoice_lines } }
      total: { aggregate: { sum: invoice_lines.amount } }
    rules:
      - { name: issued once the subscription started, check: "issued_at >= subscription.started_at" }

  # A children table: rows come in groups per invoice, keyed by (invoice_id, line_number), made with the invoices.
  invoice_lines:
    key: [invoice_id, line_number]
    children: { of: invoices, count: { min: 1, max: 8, distribution: exponential, mean: 2.5 } }
    columns:
      invoice_id: { ref: invoices }
      line_number: { key: line }
      product: { faker: commerce.productName }
      quantity: { int: { min: 1, max: 20, distribution: pareto, alpha: 1.5 } }
      unit_price: { decimal: { min: 1, max: 500, distribution: lognormal, mean: 40, precision: 10, scale: 2 } }
      amount: { sql: "quantity * unit_price", type: "DECIMAL(14,2)" }
`;
