"""The screen queries on a PostgreSQL server, beside the same SQL replayed with bare psycopg.

Run by `python3 dev.py bench` when CHARTE_BENCH_SERVER gives the address of a role that may
create bases (`.ci/postgres.sh start` prints one): the large territory is published into a
new base « charte_bench », and each screen's use case is timed beside its floor, with the
same targets as on SQLite.
"""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

VARIABLE = "CHARTE_BENCH_SERVER"
BASE = "charte_bench"


def _fresh_base(address: Any) -> Any:
    import psycopg

    from charte_desktop.db.server import ServerAddress

    with psycopg.connect(host=address.host, port=address.port, user=address.user,
                         password=address.password, dbname=address.base,
                         autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BASE}")
    return ServerAddress(address.host, address.port, BASE, address.user, address.password)


def server_rows(large_file: Path) -> bool:
    text = os.environ.get(VARIABLE)
    if not text:
        print(f"\nServeur PostgreSQL : {VARIABLE} non défini, requêtes sur serveur non "
              "mesurées.")
        return True
    import psycopg

    from bench.bench import print_table, query_rows
    from charte_desktop.db.publish import publish
    from charte_desktop.db.server import parse_address
    from charte_desktop.db.server_database import open_server

    base = _fresh_base(parse_address(text))
    publish(large_file, base)
    raw = psycopg.connect(host=base.host, port=base.port, user=base.user,
                          password=base.password, dbname=base.base, autocommit=True)

    def floor_for(statements: list[tuple[str, Any]]) -> Callable[[], int]:
        def run() -> int:
            count = 0
            for sql, params in statements:
                count += len(raw.execute(sql, params).fetchall())
            return count

        return run

    try:
        with open_server(base) as db:
            rows = query_rows(db, large_file, floor_for)
    finally:
        raw.close()
    return print_table("Requêtes des écrans sur PostgreSQL (médiane de 9), plancher : "
                       "psycopg nu", rows)
