def double_all(xs):
    return [] if not xs else [xs[0] * 2] + double_all(xs[1:])

nums = [1, 2, 3, 4]
doubled = double_all(nums)
print(doubled)
print(nums)
