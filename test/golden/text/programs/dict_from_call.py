def make_point(x, y):
    return {"x": x, "y": y}


def count_keys(d):
    return len(d)


p = make_point(1, 2)
q = dict(a=1, b=2)
n = count_keys({"a": 1, "b": 2, "c": 3})
print(p, q, n)
