"""The planner's Python twin: tagpage_plan (plpgsql/planner.sql) step by step, in plain Python.

decide(inputs) takes the numbers the PL/pgSQL planner reads (planner_config knobs, the forced
strategy, the raw statistics rows of each tag, the rows of each needed partition, tag_match,
page_size; python_admin/planner_inputs.py gathers them) and returns the jsonb tagpage_plan returns:
strategy, k, rarest_count, estimates, eligible, walk_budget, fallback, reason, ...
Why a twin: the bench explains choices with it offline, and the tests compare it with the SQL
planner on a grid of inputs, so a change to either one that the other does not share shows up.

PostgreSQL computes the estimates in `numeric`, whose division rounds to a scale chosen from its
operands (select_div_scale in numeric.c); costs are rounded to one decimal before they are
compared, so ties (self_join = two_phase_single, group_having = any_union by construction) and
near-ties only come out the same when the arithmetic is the same. _div and friends reproduce it
with decimal.Decimal: exponent = -dscale, products and sums exact, divisions rounded half away
from zero at PostgreSQL's scale.

This very file is also installed as the body of a plpython3u function (tests/test_planner_twin.py):
PL/Python wraps the body in a function and indents every line by a tab. Hence: standard library
only, imports inside the body, no `from __future__` (annotations are builtin or decimal/uuid
types, evaluated at def time), no classes, no `global`, no multi-line string literal whose
content matters, and results made of plain JSON types.
"""
import decimal
import uuid

# Tie-break order (tagpage_strategies()).
STRATEGIES = ("no_tags", "sort_first", "self_join", "two_phase_single", "two_phase_dual",
              "any_union", "group_having")

_CTX = decimal.Context(prec=100000, rounding=decimal.ROUND_HALF_UP,
                       Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
_ZERO = decimal.Decimal(0)
_ONE = decimal.Decimal(1)
_TRUE_WORDS = ("t", "tr", "tru", "true", "y", "ye", "yes", "on", "1")
_FALSE_WORDS = ("f", "fa", "fal", "fals", "false", "n", "no", "of", "off", "0")


def _num(value: object) -> decimal.Decimal:
    """A numeric from an int, a str or a float (as JSON gave it); dscale as numeric_in sets it."""
    if isinstance(value, bool):
        raise ValueError("boolean where a number is expected: %r" % (value,))
    if isinstance(value, decimal.Decimal):
        d = value
    elif isinstance(value, int):
        d = decimal.Decimal(value)
    else:
        d = decimal.Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    if not d.is_finite():
        raise ValueError("not a finite number: %r" % (value,))
    # numeric never has a negative display scale: 1e5 is 100000 with dscale 0
    return d.quantize(_ONE, context=_CTX) if d.as_tuple().exponent > 0 else d


def _dscale(d: decimal.Decimal) -> int:
    return max(0, -d.as_tuple().exponent)


def _weight_first(d: decimal.Decimal) -> tuple:
    """numeric's base-10000 weight and first digit of a value (0, 0 for zero)."""
    if d == 0:
        return 0, 0
    w = d.adjusted() // 4
    return w, int(abs(d).scaleb(-4 * w, context=_CTX))


def _div(a: decimal.Decimal, b: decimal.Decimal) -> decimal.Decimal:
    """a / b as PostgreSQL's numeric_div: select_div_scale, then round half away from zero."""
    if b == 0:
        raise ZeroDivisionError("division by zero")
    w1, f1 = _weight_first(a)
    w2, f2 = _weight_first(b)
    qweight = w1 - w2
    if f1 <= f2:
        qweight -= 1
    ea = a.as_tuple().exponent
    eb = b.as_tuple().exponent
    rscale = min(max(16 - qweight * 4, -ea, -eb, 0), 1000)
    # exact integers: |a| = num * 10^ea, |b| = den * 10^eb; q = |a/b| * 10^rscale
    num = int(abs(a).scaleb(-ea, context=_CTX))
    den = int(abs(b).scaleb(-eb, context=_CTX))
    shift = ea - eb + rscale
    if shift >= 0:
        num *= 10 ** shift
    else:
        den *= 10 ** (-shift)
    q, r = divmod(num, den)
    if 2 * r >= den:
        q += 1
    if q and (a < 0) != (b < 0):
        q = -q
    return decimal.Decimal(q).scaleb(-rscale, context=_CTX)


def _mul(a: decimal.Decimal, b: decimal.Decimal) -> decimal.Decimal:
    return _CTX.multiply(a, b)


def _add(a: decimal.Decimal, b: decimal.Decimal) -> decimal.Decimal:
    return _CTX.add(a, b)


def _sub(a: decimal.Decimal, b: decimal.Decimal) -> decimal.Decimal:
    return _CTX.subtract(a, b)


def _round1(d: decimal.Decimal) -> decimal.Decimal:
    """round(d, 1)."""
    return d.quantize(decimal.Decimal("0.1"), rounding=decimal.ROUND_HALF_UP, context=_CTX)


def _ceil(d: decimal.Decimal) -> decimal.Decimal:
    return d.to_integral_value(rounding=decimal.ROUND_CEILING, context=_CTX).quantize(_ONE, context=_CTX)


def _text(d: decimal.Decimal) -> str:
    """numeric_out: plain digits with the display scale."""
    return format(d, "f")


def _out(d: object) -> object:
    """A numeric as a JSON number: int when integral, else float (exact to 15 significant digits)."""
    if d is None:
        return None
    if d == d.to_integral_value(context=_CTX):
        return int(d)
    return float(d)


def _knob_num(knobs: dict, key: str, default: object) -> decimal.Decimal:
    """coalesce((v_knobs->>key)::numeric, default)."""
    value = knobs.get(key)
    return _num(default) if value is None else _num(value)


def _knob_int(knobs: dict, key: str, default: int) -> int:
    """coalesce((v_knobs->>key)::integer, default)."""
    value = knobs.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError("%s: not an integer: %r" % (key, value))
    return int(str(value).strip())


def _knob_bool(knobs: dict, key: str, default: bool) -> bool:
    """coalesce((v_knobs->>key)::boolean, default), with boolean_in's words."""
    value = knobs.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise ValueError("%s: not a boolean: %r" % (key, value))


def _error(message: str) -> dict:
    """What tagpage_plan raises (SQLSTATE 22023), as a value: the twin never raises for a request."""
    return {"error": "22023", "message": message}


def _tag_key(tag: object) -> uuid.UUID:
    # uuid order = byte order, as PostgreSQL sorts uuid
    return uuid.UUID(str(tag))


def decide(inputs: dict) -> dict:
    """tagpage_plan's decision for gathered inputs (see planner_inputs.gather_inputs for the shape).

    inputs: knobs (flat planner_config dict), forced (strategy or None), tags (list of
    {"id", "items", "auto"}: raw cardinalities, None = no statistics row), sources (the partitions
    read: "items", "auto"), source_rows ({"items": N, "auto": N} for the needed ones), tag_match,
    page_size. Returns the plan dict, or {"error": "22023", "message"} where the SQL raises.
    """
    knobs = inputs.get("knobs") or {}
    forced = inputs.get("forced") or None
    tags_in = list(inputs.get("tags") or [])
    k = len(tags_in)
    tag_match = inputs.get("tag_match") or "all"
    page_size = int(25 if inputs.get("page_size") is None else inputs["page_size"])
    match = "all" if k <= 1 else tag_match
    wanted = inputs.get("sources") or []
    sources = [s for s in ("items", "auto") if s in wanted]

    if forced is not None and forced not in STRATEGIES:
        return _error('tagpage.force_strategy: unknown strategy "%s"' % forced)
    if k == 0:
        if forced is not None and forced != "no_tags":
            return _error("tagpage.force_strategy: %s cannot serve a request without tags" % forced)
        return {"strategy": "no_tags", "k": 0, "rarest_count": None, "tags": [],
                "sources": sources, "estimates": {},
                "reason": "no tag filter" if forced is None else "forced by tagpage.force_strategy"}

    fallback = _knob_num(knobs, "stats.fallback_default_count", 1000)
    rows = inputs.get("source_rows") or {}
    n_items = _num(rows["items"]) if "items" in sources else _ZERO
    n_auto = _num(rows["auto"]) if "auto" in sources else _ZERO
    n = _add(n_items, n_auto)

    # Per tag and partition: cardinality (fallback when no row), capped by the partition size.
    per_tag = []
    for tag in tags_in:
        raw_i = tag.get("items")
        raw_a = tag.get("auto")
        ci = min(n_items, (fallback if raw_i is None else _num(raw_i)) if n_items > 0 else _ZERO)
        ca = min(n_auto, (fallback if raw_a is None else _num(raw_a)) if n_auto > 0 else _ZERO)
        per_tag.append((_add(ci, ca), _tag_key(tag["id"]), ci, ca))
    per_tag.sort(key=lambda row: (row[0], row[1]))
    c = [row[0] for row in per_tag]
    c_i = [row[2] for row in per_tag]
    c_a = [row[3] for row in per_tag]

    prod_i, prod_a, none_i, none_a = _ONE, _ONE, _ONE, _ONE
    probes, chain = _ZERO, _ONE
    for i in range(k):
        if n_items > 0:
            prod_i = _div(_mul(prod_i, c_i[i]), n_items)
            none_i = _mul(none_i, _sub(_ONE, _div(c_i[i], n_items)))
        if n_auto > 0:
            prod_a = _div(_mul(prod_a, c_a[i]), n_auto)
            none_a = _mul(none_a, _sub(_ONE, _div(c_a[i], n_auto)))
        # expected fenced probes per walked row: the i-th probe runs when the first i-1 matched
        probes = _add(probes, chain)
        chain = _mul(chain, _div(c[i], n) if n != 0 else _ZERO)
    # probes per seed row after a one-tag seed (tags 2..k) and after a two-tag seed (3..k)
    rest2, chain = _ZERO, _ONE
    for i in range(1, k):
        rest2 = _add(rest2, chain)
        chain = _mul(chain, _div(c[i], n) if n != 0 else _ZERO)
    rest3, chain = _ZERO, _ONE
    for i in range(2, k):
        rest3 = _add(rest3, chain)
        chain = _mul(chain, _div(c[i], n) if n != 0 else _ZERO)
    inter = _ZERO
    if k >= 2:
        inter = _add(_div(_mul(c_i[0], c_i[1]), n_items) if n_items > 0 else _ZERO,
                     _div(_mul(c_a[0], c_a[1]), n_auto) if n_auto > 0 else _ZERO)

    if match == "all":
        matches = _add(_mul(n_items, prod_i) if n_items > 0 else _ZERO,
                       _mul(n_auto, prod_a) if n_auto > 0 else _ZERO)
    else:
        matches = _add(_mul(n_items, _sub(_ONE, none_i)) if n_items > 0 else _ZERO,
                       _mul(n_auto, _sub(_ONE, none_a)) if n_auto > 0 else _ZERO)
    walk_matches = _div(matches, decimal.Decimal(4)) if match == "all" and k >= 2 else matches
    if walk_matches <= 0:
        walk = n
    else:
        walk = min(n, _div(_mul(n, decimal.Decimal(page_size + 1)), walk_matches))
    if match == "any":
        probes = _add(_ONE, _div(decimal.Decimal(k - 1), decimal.Decimal("2.0")))

    # What can serve the request, and at what estimated cost.
    serves = ["sort_first", "group_having"]
    if match == "all":
        serves += ["self_join", "two_phase_single", "two_phase_dual"]
    if tag_match == "any" or k == 1:
        serves.append("any_union")
    two_matches = _mul(decimal.Decimal(2), matches)
    seeded = _add(_add(_mul(decimal.Decimal("0.1"), c[0]), _mul(c[0], rest2)), two_matches)
    sum_c = _ZERO
    for value in c:
        sum_c = _add(sum_c, value)
    union = _add(_mul(decimal.Decimal("0.3"), sum_c), two_matches)
    costs = {"sort_first": _round1(_mul(walk, _add(_ONE, probes)))}
    if "self_join" in serves:
        costs["self_join"] = _round1(seeded)
    if "two_phase_single" in serves:
        costs["two_phase_single"] = _round1(seeded)
    if "two_phase_dual" in serves and k >= 2:  # c_2 is NULL for k = 1: the key is stripped
        costs["two_phase_dual"] = _round1(_add(_add(_mul(decimal.Decimal("0.3"), _add(c[0], c[1])),
                                                    _mul(inter, rest3)), two_matches))
    costs["group_having"] = _round1(union)
    if "any_union" in serves:
        costs["any_union"] = _round1(union)

    cap = _knob_num(knobs, "seed_candidate_cap", 200000)
    eligible = []
    best = None
    best_tf = None
    any_tf = None
    for name in STRATEGIES:
        if name not in serves:
            continue
        if _knob_bool(knobs, "enable_" + name, True) is False:
            continue
        if name == "any_union" and tag_match != "any":
            continue  # served when forced (k = 1)
        # The walk's fallback may be any enabled tag-first strategy that serves the request: the
        # ceilings and caps below pick a first plan, they must not leave a walk unbounded.
        if name != "sort_first" and name in costs and (any_tf is None or costs[name] < costs[any_tf]):
            any_tf = name
        if name == "self_join" and k > _knob_int(knobs, "small_k_threshold", 3):
            continue
        if name == "group_having" and c[0] > _knob_num(knobs, "group_having_rarest_ceiling", 50000):
            continue
        if name == "two_phase_dual" and (
                k < 2 or k < _knob_int(knobs, "two_phase_min_k_for_dual_seed", 4)
                or c[0] < _knob_num(knobs, "two_phase_dual_seed_floor", 1000)):
            continue
        if name in ("self_join", "two_phase_single") and c[0] > cap:
            continue
        if name == "two_phase_dual" and inter > cap:
            continue
        eligible.append(name)
        if best is None or costs[name] < costs[best]:
            best = name
        if name != "sort_first" and (best_tf is None or costs[name] < costs[best_tf]):
            best_tf = name
    if best_tf is None:
        best_tf = any_tf

    budget = None
    if forced is not None:
        if forced not in serves:
            return _error("tagpage.force_strategy: %s cannot serve this request (k = %s, tag_match = %s)"
                          % (forced, k, tag_match))
        best = forced
        reason = "forced by tagpage.force_strategy"
    elif best is None:
        best = "sort_first"
        reason = "no eligible strategy (all disabled); sort_first serves every request"
    else:
        reason = "%s has the cheapest eligible estimate (%s)" % (best, _text(costs[best]))
        if best == "sort_first" and match == "all" and k >= 2 and best_tf is not None:
            # Cut the walk where it would have cost what the best tag-first plan costs.
            budget = int(max(_ceil(_div(costs[best_tf], _add(_ONE, probes))),
                             decimal.Decimal(page_size + 1)))
            reason += "; walk budget %s rows, then %s" % (budget, best_tf)

    return {
        "strategy": best,
        "k": k,
        "rarest_count": _out(c[0]),
        "tag_match": match,
        "tags": [str(row[1]) for row in per_tag],
        "cardinalities": [_out(value) for value in c],
        "sources": sources,
        "source_rows": {"items": _out(n_items), "auto": _out(n_auto)},
        "matches_estimate": _out(_round1(matches)),
        "walk_rows_estimate": _out(_round1(walk)),
        "estimates": dict((name, _out(value)) for name, value in costs.items()),
        "eligible": eligible,
        "walk_budget": budget,
        "fallback": best_tf if budget is not None else None,
        "reason": reason,
    }


def explain_choice(plan: dict) -> str:
    """One line saying what the planner chose and why, from a plan dict (SQL's or the twin's)."""
    if plan.get("error"):
        return "error %s: %s" % (plan["error"], plan.get("message"))
    strategy = plan.get("strategy")
    reason = plan.get("reason") or ""
    if strategy == "no_tags":
        return "no_tags: %s" % reason
    estimates = plan.get("estimates") or {}
    others = sorted((cost, name) for name, cost in estimates.items()
                    if name != strategy and name in (plan.get("eligible") or []))
    text = "%s est %s" % (strategy, estimates.get(strategy))
    if others:
        text += " (next %s %s)" % (others[0][1], others[0][0])
    text += "; k=%s %s, rarest %s, ~%s matches" % (plan.get("k"), plan.get("tag_match", "all"),
                                                 plan.get("rarest_count"), plan.get("matches_estimate"))
    if plan.get("walk_budget") is not None:
        text += "; walk budget %s rows then %s" % (plan["walk_budget"], plan.get("fallback"))
    if not reason.startswith("%s has the cheapest" % strategy):
        text += "; " + reason  # forced, or everything disabled
    return text
