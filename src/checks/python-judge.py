# The part of test_checks.py that judges a response as the page does: its
# queries, its predicates, and the words of a failure (WORDS, the page's own
# table). python-export.ts puts it into python-runner.py where __JUDGE__ is;
# it uses that file's imports, fill() and words().

# ---- Responses, judged as the page judges them -----------------------------

class Nothing:
    """What a query found when it found no value, and why when there is a reason to say."""

    def __init__(self, why=None):
        self.why = why


NOTHING = Nothing()


def parse_response(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].split(" ", 1)[1] if " " in lines[0] else ""
    headers = []
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers.append((key, value.lstrip(" \t")))
    return status, headers, body


def status_code(status):
    return int(status[:3]) if status[:3].isdigit() else None


def json_path(path, document):
    steps, i = [], 1
    while i < len(path):
        if path[i] == ".":
            if path[i + 1 : i + 2] == "*":
                steps.append(("all",))
                i += 2
                continue
            name = re.match(r"[A-Za-z_$][\w$-]*", path[i + 1 :]).group(0)
            steps.append(("key", name))
            i += 1 + len(name)
        else:
            close = path.index("]", i)
            inside = path[i + 1 : close].strip()
            if inside == "*":
                steps.append(("all",))
            elif re.fullmatch(r"-?\d+", inside):
                steps.append(("index", int(inside)))
            else:
                steps.append(("key", inside[1:-1]))
            i = close + 1
    values = [document]
    for step in steps:
        found = []
        for value in values:
            if step[0] == "all":
                if isinstance(value, list):
                    found.extend(value)
                elif isinstance(value, dict):
                    found.extend(value.values())
            elif step[0] == "index":
                if isinstance(value, list) and -len(value) <= step[1] < len(value):
                    found.append(value[step[1]])
            elif isinstance(value, dict) and step[1] in value:
                found.append(value[step[1]])
        values = found
    if any(step[0] == "all" for step in steps):
        return values
    return values[0] if values else NOTHING


def set_cookie(headers, name):
    value = NOTHING
    for key, text in headers:
        if key.lower() == "set-cookie":
            pair = text.split(";", 1)[0]
            if "=" in pair and pair.split("=", 1)[0].strip() == name:
                value = pair.split("=", 1)[1].strip()
    return value


def run_query(query, answer):
    status, headers, body, duration = answer
    kind, argument = query["kind"], query["argument"]
    if kind == "status":
        code = status_code(status)
        return code if code is not None else Nothing(words("noStatus"))
    if kind == "header":
        values = [v for k, v in headers if k.lower() == argument.lower()]
        return NOTHING if not values else values[0] if len(values) == 1 else values
    if kind == "cookie":
        return set_cookie(headers, argument)
    if kind == "body":
        return body.decode("utf-8", "replace")
    if kind == "bytes":
        return body
    if kind == "duration":
        return round(duration)
    if kind == "jsonpath":
        try:
            document = json.loads(body.decode("utf-8"))
        except ValueError:
            return Nothing(words("notJson"))
        return json_path(argument, document)
    match = re.search(argument, body.decode("utf-8", "replace"))
    if not match:
        return NOTHING
    return match.group(1) if match.groups() else match.group(0)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bytes(value):
    return value if isinstance(value, bytes) else value.encode() if isinstance(value, str) else None


def _equal(actual, expected):
    if _is_number(actual) and _is_number(expected):
        return actual == expected
    if isinstance(actual, bytes):
        return _bytes(expected) == actual
    if isinstance(actual, (list, dict)):
        return json.dumps(actual) == json.dumps(expected)
    return type(actual) is type(expected) and actual == expected


def meets(op, actual, expected):
    if op == "exists":
        return not isinstance(actual, Nothing)
    if isinstance(actual, Nothing):
        return False
    if op == "==":
        return _equal(actual, expected)
    if op == "!=":
        return not _equal(actual, expected)
    if op in (">", ">=", "<", "<="):
        if not (_is_number(actual) and _is_number(expected)):
            return False
        return {">": actual > expected, ">=": actual >= expected, "<": actual < expected, "<=": actual <= expected}[op]
    if op == "contains":
        if isinstance(actual, list):
            return any(_equal(item, expected) for item in actual)
        if isinstance(actual, bytes):
            part = _bytes(expected)
            return part is not None and part in actual
        return isinstance(actual, str) and isinstance(expected, str) and expected in actual
    if op in ("startsWith", "endsWith"):
        whole, part = _bytes(actual), _bytes(expected)
        if whole is None or part is None:
            return False
        return whole.startswith(part) if op == "startsWith" else whole.endswith(part)
    if op == "matches":
        return isinstance(actual, str) and isinstance(expected, str) and re.search(expected, actual) is not None
    return False


def expected_value(value, variables):
    if value is None:
        return None
    if value["kind"] == "null":
        return None
    if value["kind"] == "template":
        return variables.get(value["name"], NOTHING)
    return value["value"]


def _as_js(value):
    """A value as JavaScript holds it: no float that is a whole number (1.0 is 1 there)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_as_js(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_js(item) for key, item in value.items()}
    return value


def shown(value):
    """A value as a failure shows it, as the page does: text quoted, bytes by their size, the rest as JSON."""
    if isinstance(value, bytes):
        return words("bytes", count=len(value))
    if isinstance(value, str):
        value = value[:200] + "\u2026" if len(value) > 200 else value
    if isinstance(value, Nothing):
        return words("nothing")
    return json.dumps(_as_js(value), ensure_ascii=False, separators=(",", ":"))


def failure(assert_, expected, actual):
    return words("failure", **{"assert": assert_, "expected": expected, "actual": actual})


def judge(predicate, actual, expected):
    """The failure's expected and got of a predicate that does not hold, else None."""
    if meets(predicate["op"], actual, expected) != predicate["not"]:
        return None
    op = predicate["op"]
    if op == "exists":
        want = words("nothing" if predicate["not"] else "aValue")
    else:
        prefix = ("not " if predicate["not"] else "") + ("" if op == "==" else op + " ")
        want = (prefix + shown(expected)).strip()
    got = (actual.why or words("nothing")) if isinstance(actual, Nothing) else shown(actual)
    return want, got


def judge_entry(entry, answer, variables):
    failures = []
    expect = entry["response"]
    if expect is None:
        return failures
    status, headers, body, duration = answer
    code = status_code(status)
    if expect["status"] != "*" and code != expect["status"]:
        got = words("noStatusLine") if code is None else str(code)
        failures.append(failure("status", str(expect["status"]), got))
    for key, value in expect["headers"]:
        want = fill(value, variables)
        values = [v for k, v in headers if k.lower() == key.lower()]
        if want not in values:
            got = ", ".join(shown(v) for v in values) if values else words("noSuchHeader")
            failures.append(failure(f"header {key}", shown(want), got))
    for capture in expect["captures"]:
        found = run_query(capture["query"], answer)
        if isinstance(found, Nothing):
            failures.append(failure(f"capture {capture['name']}", words("aValue"), found.why or words("nothing")))
        else:
            variables[capture["name"]] = found
    for check in expect["asserts"]:
        predicate = check["predicate"]
        verdict = judge(predicate, run_query(check["query"], answer), expected_value(predicate["value"], variables))
        if verdict:
            failures.append(failure(check["text"], *verdict))
    if expect["body"] is not None:
        want = fill(expect["body"]["text"], variables)
        text = body.decode("utf-8", "replace")
        if text != want:
            failures.append(failure("body", shown(want), shown(text)))
    return failures
