def double_all(xs):
    return [] if not xs else [xs[0] * 2] + double_all(xs[1:])


result = double_all([1, 2, 3, 4, 5, 6])
print(result)
