def double(x):
    return x * 2

values = [double(v) for v in [1, 2, 3]]
print(values)
