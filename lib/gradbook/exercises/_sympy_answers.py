"""A checker for exercises whose answer is a SymPy expression (Part I's derivation exercises).

``sympy_equal("2*w - 3", w="real")`` returns a checker for ``Expected(checker=...)`` that
accepts any SymPy expression (or string) equal to the expected one: symbols are matched by
name, so a reader's ``sp.symbols("w")`` meets the registry's ``w`` whatever its assumptions,
and equality is decided by ``sympy.simplify`` with a numeric comparison at random points as a
fallback. SymPy is imported only when an answer is checked, so the registries stay importable
with NumPy alone.

Stand-in until the checker compares SymPy answers itself (``Expected(value=<expression>)``).
"""

import re

import numpy as np

_ASSUMPTIONS = {"real": {"real": True}, "positive": {"positive": True}}


def _symbols(sp, kinds):
    return {name: sp.Symbol(name, **_ASSUMPTIONS[kind]) for name, kind in kinds.items()}


def _spell(text):
    """``lambda`` is a Python keyword: SymPy's parser reads the symbol when it is spelled lamda."""
    return re.sub(r"\blambda\b", "lamda", text)


def _locals(symbols):
    return {("lamda" if name == "lambda" else name): symbol for name, symbol in symbols.items()}


def _parse(sp, answer, symbols):
    """The answer as an expression in the registry's symbols, or a message saying why not."""
    if isinstance(answer, str):
        try:
            answer = sp.sympify(_spell(answer), locals=_locals(symbols))
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            return None, f"SymPy could not read the string: {exc}"
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        answer = sp.nsimplify(answer)
    if not isinstance(answer, sp.Basic):
        return None, f"expected a SymPy expression, got {type(answer).__name__}"
    unknown = sorted(s.name for s in answer.free_symbols if s.name not in symbols)
    if unknown:
        names = ", ".join(sorted(symbols))
        return None, f"your expression uses {', '.join(unknown)}; the question has {names}"
    return answer.xreplace({s: symbols[s.name] for s in answer.free_symbols}), ""


def _numerically_equal(sp, difference, symbols, scale):
    """Whether the difference vanishes at a few random points (positive suits every symbol)."""
    rng = np.random.default_rng(0)
    free = sorted(difference.free_symbols, key=lambda s: s.name)
    for _ in range(6):
        point = {s: sp.Float(rng.uniform(0.3, 2.0)) for s in free}
        value = complex(difference.evalf(30, subs=point))
        if not np.isfinite(value) or abs(value) > 1e-9 * scale:
            return False
    return True


def sympy_equal(expected, **kinds):
    """A checker accepting expressions equal to ``expected`` (a string in the named symbols).

    ``kinds`` maps each symbol name to ``"real"`` or ``"positive"``.
    """

    def checker(answer):
        import sympy as sp

        symbols = _symbols(sp, kinds)
        target = sp.sympify(_spell(expected), locals=_locals(symbols))
        parsed, why = _parse(sp, answer, symbols)
        if parsed is None:
            return False, why
        difference = sp.simplify(parsed - target)
        if difference == 0:
            return True, ""
        scale = 1.0 + abs(complex(target.evalf(30, subs={s: 1.1 for s in target.free_symbols})))
        if _numerically_equal(sp, difference, symbols, scale):
            return True, ""
        return False, "your expression is not equal to the expected one"

    return checker
