"""gradbook: the NumPy library of the book *gradbook: how neural networks learn*.

Modules, each taught by a chapter of the book:

- :mod:`gradbook.losses`: losses and their gradients (Part I)
- :mod:`gradbook.activations`: sigmoid, softmax, log-sum-exp and friends
- :mod:`gradbook.optim`, :mod:`gradbook.schedules`: optimizers and learning-rate schedules (Part II)
- :mod:`gradbook.nn`, :mod:`gradbook.gradcheck`: layers, backprop and gradient checks (Part III)
- :mod:`gradbook.autodiff`: a small reverse-mode automatic differentiation engine (Part III)
- :mod:`gradbook.exercises`: ``check(exercise_id, answer)`` for the book's exercises
"""

__version__ = "0.1.0"
