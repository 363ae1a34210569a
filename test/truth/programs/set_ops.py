a = {1, 2, 3}
b = {2, 3, 4}
both = a & b
either = a | b
only_a = a - b
print(sorted(both), sorted(either), sorted(only_a))
