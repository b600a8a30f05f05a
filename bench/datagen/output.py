"""The psql script on stdout: the transaction around the load, COPY blocks in text format, the value formats."""
import json
import sys

OUT = sys.stdout


def begin(first_organisation_id):
    """Opens the transaction, straight into the tables; refuses to load twice."""
    OUT.write("\\set ON_ERROR_STOP on\nSET client_min_messages = warning;\nBEGIN;\n"
              "-- straight into the tables: no record-keeping trigger (revisions and audit are written below, as it would)\n"
              "SET LOCAL session_replication_role = replica;\nSET LOCAL work_mem = '256MB';\n"
              "SET LOCAL maintenance_work_mem = '512MB';\n")
    OUT.write(f"""DO $$
BEGIN
    IF EXISTS (SELECT FROM organisations WHERE id = '{first_organisation_id}') THEN
        RAISE EXCEPTION 'the benchmark data set is already in this database';
    END IF;
END
$$;
""")


def commit():
    OUT.write("COMMIT;\n")
    OUT.flush()


def write_sql(sql):
    OUT.write(sql)


def field(v):
    if v is None:
        return "\\N"
    if isinstance(v, str):
        if "\\" in v or "\t" in v or "\n" in v or "\r" in v:
            v = v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return v
    if isinstance(v, bool):
        return "t" if v else "f"
    return str(v)


def copy(table, columns, rows):
    OUT.write(f"COPY {table} ({', '.join(columns)}) FROM STDIN;\n")
    write = OUT.write
    count = 0
    for row in rows:
        write("\t".join([field(v) for v in row]))
        write("\n")
        count += 1
    write("\\.\n")
    return count


def ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.%f+00")


def ts_json(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def money(pence):
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{pence // 100}.{pence % 100:02d}"


def jdump(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pg_array(items):
    return "{" + ",".join('"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' for s in items) + "}"
