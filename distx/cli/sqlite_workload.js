import { createRequire } from "node:module";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../toolchain/cc.js";
function generator(seed) {
  let x = seed >>> 0;
  return () => {
    x = Math.imul(x, 1664525) + 1013904223 >>> 0;
    return x;
  };
}
const CITIES = ["Berlin", "Dresden", "Leipzig", "Hamburg", "Munich", "Cologne", "Bremen", "Essen"];
const STATUSES = ["new", "paid", "shipped", "returned"];
function workloadScript(rows, batch = 1e3) {
  const next = generator(16);
  const customers = Math.max(1, Math.floor(rows / 10));
  const out = [
    "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL, joined INTEGER);",
    "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),",
    "  amount REAL NOT NULL, status TEXT NOT NULL, day INTEGER NOT NULL, note TEXT);",
    "CREATE INDEX orders_customer ON orders(customer_id);",
    "CREATE INDEX orders_day ON orders(day);"
  ];
  for (let i = 1; i <= customers; i++) {
    if ((i - 1) % batch === 0) out.push("BEGIN;");
    out.push(`INSERT INTO customers VALUES(${i}, 'customer ${i}', '${CITIES[next() % CITIES.length]}', ${next() % 3650});`);
    if (i % batch === 0 || i === customers) out.push("COMMIT;");
  }
  for (let i = 1; i <= rows; i++) {
    if ((i - 1) % batch === 0) out.push("BEGIN;");
    const cents = next() % 1e5;
    const note = next() % 4 === 0 ? "NULL" : `'note ${next() % 1e3}'`;
    out.push(`INSERT INTO orders(customer_id, amount, status, day, note) VALUES(${1 + next() % customers}, ${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}, '${STATUSES[next() % STATUSES.length]}', ${next() % 365}, ${note});`);
    if (i % batch === 0 || i === rows) out.push("COMMIT;");
  }
  out.push(
    "SELECT count(*), sum(amount) FROM orders;",
    // indexed queries
    "SELECT id, amount, status, day FROM orders WHERE customer_id = 7 ORDER BY id;",
    "SELECT count(*), round(sum(amount), 2), min(id), max(id) FROM orders WHERE day BETWEEN 100 AND 110;",
    "SELECT day, count(*) FROM orders WHERE day >= 360 GROUP BY day ORDER BY day;",
    // a join
    "SELECT c.city, count(*), round(sum(o.amount), 2), max(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.city ORDER BY c.city;",
    "SELECT c.name, o.id, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id <= 3 ORDER BY c.id, o.id;",
    // an aggregate
    "SELECT status, count(*), min(amount), max(amount), avg(amount), total(day) FROM orders GROUP BY status ORDER BY status;",
    "SELECT count(note), count(DISTINCT note), group_concat(DISTINCT status) FROM (SELECT * FROM orders ORDER BY id LIMIT 50);",
    // an update
    "UPDATE orders SET status = 'shipped', amount = amount * 1.1 WHERE status = 'paid' AND day < 100;",
    "SELECT changes();",
    // a delete
    "DELETE FROM orders WHERE amount < 50;",
    "SELECT changes();",
    "SELECT status, count(*), round(avg(amount), 4) FROM orders GROUP BY status ORDER BY status;",
    "VACUUM;",
    "PRAGMA integrity_check;",
    "SELECT count(*), sum(amount), max(id) FROM orders;",
    "SELECT name FROM sqlite_schema ORDER BY name;"
  );
  return out.join("\n") + "\n";
}
function nativeSqlite() {
  const require2 = createRequire(join(PACKAGE_ROOT, "package.json"));
  return require2("better-sqlite3");
}
function runNative(path, script) {
  const Database = nativeSqlite();
  const db = new Database(path);
  const realText = db.prepare("SELECT CAST(? AS TEXT)").pluck();
  const out = [];
  let sql = "";
  try {
    for (const line of script.split("\n")) {
      if (sql === "" && line.startsWith(".")) continue;
      sql += (sql === "" ? "" : "\n") + line;
      if (!sql.trimEnd().endsWith(";")) continue;
      const stmt = db.prepare(sql);
      sql = "";
      if (!stmt.reader) {
        stmt.run();
        continue;
      }
      for (const row of stmt.raw(true).safeIntegers(true).all()) {
        out.push(row.map((v) => {
          if (v === null) return "";
          if (typeof v === "number") return realText.get(v);
          if (v instanceof Uint8Array) return Buffer.from(v).toString("latin1");
          return String(v);
        }).join("|"));
      }
    }
  } finally {
    db.close();
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}
export {
  nativeSqlite,
  runNative,
  workloadScript
};
