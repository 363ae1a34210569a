values = [2, 4, 6, 7]
all_even = all(v % 2 == 0 for v in values)
any_big = any(v > 5 for v in values)
print(all_even, any_big)
