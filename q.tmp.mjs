import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(); const c = await db.connect();
const dir = process.argv[2];
await c.run(`CREATE VIEW p AS SELECT * FROM '${dir}/products/*.parquet'`);
for (const s of process.argv.slice(3)) { const r = await c.runAndReadAll(s); console.table(r.getRowObjects().map(o=>Object.fromEntries(Object.entries(o).map(([k,v])=>[k,typeof v==='bigint'?Number(v):(v&&typeof v==='object'?v.toString():v)])))); }
