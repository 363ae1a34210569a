def make(n):
    out = []
    for i in range(n):
        out.append(i)
    return out

a = make(3)
b = make(3)
print(a == b, a is b)
