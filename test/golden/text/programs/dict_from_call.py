def make_point(x, y):
    return {"x": x, "y": y}


p = make_point(1, 2)
q = dict(a=1, b=2)
print(p, q)
