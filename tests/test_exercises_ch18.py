"""Chapter 18's checker against gradbook.nn.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's code meets the library's network.
"""

import numpy as np

from gradbook.exercises.ch18_capstone_mlp import ANSWERS, N_VAL
from gradbook.nn import Dense, ReLU, Sequential

CHECKER = ANSWERS["18-capstone-mlp/hidden-width"].checker


def test_hidden_width_counts_the_parameters_of_the_library_network():
    narrow = Sequential(Dense(64, 32, rng=0), ReLU(), Dense(32, 10, rng=1))
    n_params = sum(p.size for p in narrow.params())
    assert CHECKER((n_params, 349.0)) == (True, "")
    assert CHECKER((float(n_params), np.float64(349.0))) == (True, "")
    ok, message = CHECKER((n_params + 10, 349.0))
    assert not ok and "is not the number of parameters" in message


def test_hidden_width_refuses_a_fraction_a_single_count_and_the_untuned_rate():
    n_params = sum(p.size for p in Sequential(Dense(64, 32), ReLU(), Dense(32, 10)).params())
    ok, message = CHECKER((n_params, 349 / N_VAL))
    assert not ok and "looks like a fraction" in message
    ok, message = CHECKER((n_params, 349.3))  # no five whole counts have this mean
    assert not ok and "is not the mean of 5 whole counts" in message
    ok, message = CHECKER((n_params, 340.2))  # the rate the chapter's single runs use
    assert not ok and "outside what the tuned narrow network gives" in message
    ok, message = CHECKER((n_params, N_VAL + 1.0))
    assert not ok and "the validation set has 360 digits" in message


def test_wilson_upper_end_is_scipys_wilson_interval():
    from scipy.stats import binomtest

    from gradbook.exercises import _numpy_function
    from gradbook.exercises.ch18_capstone_mlp import ANSWERS as ALL

    upper = _numpy_function(ALL["18-capstone-mlp/wilson-upper"])  # (phat, n, z)
    z = 1.959963984540054  # the 97.5 % quantile of the standard normal
    for k, n in ((352, 360), (345, 360), (7, 20), (1, 50), (49, 50)):
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert np.isclose(upper(k / n, n, z), ci.high, rtol=1e-9)
