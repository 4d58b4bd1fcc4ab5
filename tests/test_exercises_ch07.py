"""Chapter 7's checker against gradbook: the names it accepts are the library's losses.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's code meets the library it names.
"""

from gradbook import losses
from gradbook.exercises.ch07_choosing_a_loss import _ACCEPTED, ANSWERS

CHECKER = ANSWERS["07-choosing-a-loss/which-loss"].checker


def test_which_loss_accepts_only_names_the_library_has():
    for names in _ACCEPTED:
        for name in names:
            assert callable(getattr(losses, name)), name


def test_which_loss_accepts_the_library_functions_by_name_and_says_which_task_is_wrong():
    tree = [
        losses.huber,
        losses.binary_cross_entropy_with_logits,
        losses.sparse_softmax_cross_entropy,
        losses.hinge,
    ]
    ok, message = CHECKER([f"losses.{f.__name__}" for f in tree])
    assert ok, message
    tree[2] = losses.softmax_cross_entropy  # one-hot loss for integer labels
    ok, message = CHECKER([f.__name__ for f in tree])
    assert not ok and message.startswith("task 3: 'softmax_cross_entropy'")
